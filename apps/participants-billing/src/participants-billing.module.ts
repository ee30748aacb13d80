import { Module } from '@nestjs/common';
import { OutboundModule } from './common/outbound.module.js';
import { BillingConfigModule } from './config/billing-config.module.js';
import { BillingDatabaseModule } from './database/billing-database.module.js';
import { DeletionModule } from './deletion/deletion.module.js';
import { DepositModule } from './deposit/deposit.module.js';
import { PaymentEventsModule } from './payment-events/payment-events.module.js';
import { ParticipantsModule } from './participants/participants.module.js';
import { PlansPaymentsModule } from './plans-payments/plans-payments.module.js';
import { SeedModule } from './seed/seed.module.js';
import { StripeModule } from './stripe/stripe.module.js';
import { AUDIT_TRAIL } from './audit/audit-trail.js';

/** Participants, plans and paid periods, Stripe customers and payments, coin deposits with fees and top-ups, deletion. */
@Module({
  imports: [
    BillingConfigModule, BillingDatabaseModule, OutboundModule, AUDIT_TRAIL,
    ParticipantsModule, PlansPaymentsModule, StripeModule, DepositModule, PaymentEventsModule, DeletionModule, SeedModule,
  ],
})
export class ParticipantsBillingModule {}

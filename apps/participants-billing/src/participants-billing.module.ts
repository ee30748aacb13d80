import { Module } from '@nestjs/common';
import { OutboundModule } from './common/outbound.module.js';
import { BillingConfigModule } from './config/billing-config.module.js';
import { BillingDatabaseModule } from './database/billing-database.module.js';
import { DeletionModule } from './deletion/deletion.module.js';
import { DepositModule } from './deposit/deposit.module.js';
import { ParticipantsModule } from './participants/participants.module.js';
import { PlansPaymentsModule } from './plans-payments/plans-payments.module.js';
import { SeedModule } from './seed/seed.module.js';
import { StripeModule } from './stripe/stripe.module.js';

/** Participants, plans and paid periods, Stripe customers, coin deposits with fees, deletion. */
@Module({
  imports: [
    BillingConfigModule, BillingDatabaseModule, OutboundModule,
    ParticipantsModule, PlansPaymentsModule, StripeModule, DepositModule, DeletionModule, SeedModule,
  ],
})
export class ParticipantsBillingModule {}

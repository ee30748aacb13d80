import { Module } from '@nestjs/common';
import { ParticipantsModule } from '../participants/participants.module.js';
import { StripeModule } from '../stripe/stripe.module.js';
import { InvoiceCharges } from './invoice-charges.service.js';
import { PaymentsController } from './payments.controller.js';
import { PaymentsService } from './payments.service.js';

@Module({
  imports: [ParticipantsModule, StripeModule],
  controllers: [PaymentsController],
  providers: [PaymentsService, InvoiceCharges],
  exports: [InvoiceCharges],
})
export class PlansPaymentsModule {}

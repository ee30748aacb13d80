import { Module } from '@nestjs/common';
import { ParticipantsDataModule } from '../participants/participants-data.module.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { StripeModule } from '../stripe/stripe.module.js';
import { InvoiceCharges } from './invoice-charges.service.js';
import { InvoicesRepository } from './invoices.repository.js';
import { PaymentsController } from './payments.controller.js';
import { PaymentsService } from './payments.service.js';

@Module({
  imports: [ParticipantsModule, ParticipantsDataModule, StripeModule],
  controllers: [PaymentsController],
  providers: [InvoicesRepository, PaymentsService, InvoiceCharges],
  exports: [InvoiceCharges],
})
export class PlansPaymentsModule {}

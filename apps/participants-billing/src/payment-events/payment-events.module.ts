import { Module } from '@nestjs/common';
import { DepositModule } from '../deposit/deposit.module.js';
import { PlansPaymentsModule } from '../plans-payments/plans-payments.module.js';
import { StripeModule } from '../stripe/stripe.module.js';
import { PaymentsRetryLoop } from './payments-retry-loop.js';
import { StripeWebhookController } from './stripe-webhook.controller.js';
import { StripeEventsRepository } from './stripe-events.repository.js';
import { StripeWebhookService } from './stripe-webhook.service.js';

/** What Stripe tells us (webhook) and the loop that retries or looks up unfinished payments. */
@Module({
  imports: [StripeModule, DepositModule, PlansPaymentsModule],
  controllers: [StripeWebhookController],
  providers: [StripeEventsRepository, StripeWebhookService, PaymentsRetryLoop],
})
export class PaymentEventsModule {}

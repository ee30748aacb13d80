import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { BillingPattern, type HttpRequestPayload } from '#libs/contracts';
import { StripeWebhookService } from './stripe-webhook.service.js';

@Controller()
export class StripeWebhookController {
  constructor(private readonly webhooks: StripeWebhookService) {}

  /** POST /billing/stripe/webhook: the gateway hands over the raw body and the Stripe-Signature header. */
  @MessagePattern(BillingPattern.StripeWebhook)
  async receive(@Payload() payload: HttpRequestPayload) {
    return this.webhooks.receive(payload?.rawBody, payload?.headers?.['stripe-signature']);
  }
}

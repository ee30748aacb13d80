import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StripeWebhookAnswer } from '#libs/contracts';
import { BillingErrorCode, billingError } from '../common/billing-errors.js';
import { TopupsService } from '../deposit/topups.service.js';
import { InvoiceCharges } from '../plans-payments/invoice-charges.service.js';
import { StripeEventsRepository } from './stripe-events.repository.js';
import { PaymentProvider, type ProviderEvent, WebhookSignatureError } from '../stripe/payment-provider.port.js';

/**
 * Stripe's webhook: the signature over the raw body is checked first (a bad or stale one is a
 * 400 and changes nothing); then the event's effect and its id are written in one transaction,
 * so a replayed or redelivered event is answered 200 and applied once.
 */
@Injectable()
export class StripeWebhookService {
  private readonly logger = new Logger('StripeWebhook');

  constructor(
    private readonly events: StripeEventsRepository,
    private readonly provider: PaymentProvider,
    private readonly invoices: InvoiceCharges,
    private readonly topups: TopupsService,
  ) {}

  async receive(rawBody: string | undefined, signature: string | undefined): Promise<StripeWebhookAnswer> {
    const event = this.verified(rawBody, signature);
    const applied = await this.events.transaction(async (manager) => {
      if (!(await this.events.recordOnce(manager, event.id, event.type === 'other' ? event.providerType : event.type))) return false;
      await this.apply(manager, event);
      return true;
    });
    if (!applied) this.logger.log({ msg: 'stripe event already applied', eventId: event.id });
    return applied ? { received: true } : { received: true, duplicate: true };
  }

  private verified(rawBody: string | undefined, signature: string | undefined): ProviderEvent {
    try {
      if (!rawBody || !signature) throw new WebhookSignatureError(false);
      return this.provider.parseWebhook(rawBody, signature);
    } catch (error) {
      if (!(error instanceof WebhookSignatureError)) throw error;
      this.logger.warn({ msg: 'stripe webhook refused', reason: error.message });
      throw billingError(BillingErrorCode.WebhookSignatureInvalid, error.message);
    }
  }

  private async apply(manager: EntityManager, event: ProviderEvent): Promise<void> {
    switch (event.type) {
      case 'payment_intent.succeeded':
      case 'payment_intent.payment_failed': {
        const matched = (await this.invoices.applyIntent(manager, event.intent)) !== null
          || await this.topups.applyIntent(manager, event.intent, { confirmed: true });
        this.logger.log({ msg: 'stripe event', eventId: event.id, type: event.type, paymentIntent: event.intent.id, matched });
        return;
      }
      case 'charge.refunded': {
        const matched = await this.invoices.applyRefund(manager, event.charge) || await this.topups.applyRefund(manager, event.charge);
        this.logger.log({ msg: 'stripe event', eventId: event.id, type: event.type, charge: event.charge.id, matched });
        return;
      }
      case 'other':
        this.logger.debug({ msg: 'stripe event ignored', eventId: event.id, type: event.providerType });
    }
  }
}

import { Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { BillingEnv } from '../config/billing-env.js';
import { BillingErrorCode, billingError } from '../common/billing-errors.js';
import { type CardInput, PaymentProvider, type StoredCard } from './payment-provider.port.js';

/** Stripe through the official `stripe` package; the API base URL comes from STRIPE_API_BASE. */
@Injectable()
export class StripeAdapter extends PaymentProvider {
  private readonly logger = new Logger('Stripe');
  private readonly stripe: Stripe;

  constructor(env: BillingEnv) {
    super();
    const base = new URL(env.STRIPE_API_BASE);
    const protocol = base.protocol === 'http:' ? 'http' : 'https';
    this.stripe = new Stripe(env.STRIPE_SECRET_KEY, {
      host: base.hostname,
      port: base.port || (protocol === 'http' ? 80 : 443),
      protocol,
      maxNetworkRetries: 1,
      timeout: 10_000,
      telemetry: false,
    });
  }

  async attachCard(card: CardInput, owner: { type: string; id: string }, existingCustomerId?: string): Promise<StoredCard> {
    return this.call('attach card', async () => {
      const method = await this.stripe.paymentMethods.create({
        type: 'card',
        card: { number: card.number, exp_month: card.exp_month, exp_year: card.exp_year, cvc: card.cvc },
        ...(card.name ? { billing_details: { name: card.name } } : {}),
      });
      const customerId = existingCustomerId ??
        (await this.stripe.customers.create({ metadata: { owner_type: owner.type, owner_id: owner.id } })).id;
      await this.stripe.paymentMethods.attach(method.id, { customer: customerId });
      await this.stripe.customers.update(customerId, { invoice_settings: { default_payment_method: method.id } });
      const details = method.card;
      if (!details) throw new Error('payment method without card details');
      return {
        customerId, paymentMethodId: method.id, brand: details.brand, last4: details.last4,
        expMonth: details.exp_month, expYear: details.exp_year,
      };
    });
  }

  async deleteCustomer(customerId: string): Promise<void> {
    await this.call('delete customer', async () => {
      try {
        await this.stripe.customers.del(customerId);
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) return;
        throw error;
      }
    });
  }

  /**
   * Maps Stripe failures to domain errors. Only Stripe's own type/code/message are logged:
   * never the request (it holds the card number).
   */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError || error instanceof Stripe.errors.StripeInvalidRequestError) {
        throw billingError(BillingErrorCode.CardRejected, error.message, { code: error.code, decline_code: error.decline_code });
      }
      const info = error instanceof Stripe.errors.StripeError
        ? { type: error.type, code: error.code, status: error.statusCode }
        : { type: error instanceof Error ? error.name : typeof error };
      this.logger.warn({ msg: `stripe ${what} failed`, ...info });
      throw billingError(BillingErrorCode.PaymentProviderUnavailable, 'Payment provider unavailable');
    }
  }
}

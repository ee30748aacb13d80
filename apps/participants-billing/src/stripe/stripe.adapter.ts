import { Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { requestContext } from '#libs/transport';
import { BillingEnv } from '../config/billing-env.js';
import { BillingErrorCode, billingError } from '../common/billing-errors.js';
import { intentState } from './intent-state.js';
import {
  type CardInput, type IntentOutcome, type OffSessionCharge, PaymentProvider, type ProviderEvent, ProviderUnavailableError,
  type StoredCard, WebhookSignatureError,
} from './payment-provider.port.js';
import { failureInfo, unavailability } from './stripe-failures.js';

const CALL_TIMEOUT_MS = 10_000;
/** Time kept back from the caller's deadline to record the outcome and answer. */
const DEADLINE_MARGIN_MS = 1_000;
/** A 429 whose Retry-After is at most this long is waited out within the call, up to RATE_LIMIT_ATTEMPTS times. */
const MAX_RETRY_AFTER_SECONDS = 5;
const RATE_LIMIT_ATTEMPTS = 3;

/** Stripe through the official `stripe` package; the API base URL comes from STRIPE_API_BASE. */
@Injectable()
export class StripeAdapter extends PaymentProvider {
  private readonly logger = new Logger('Stripe');
  private readonly stripe: Stripe;

  constructor(private readonly env: BillingEnv) {
    super();
    const base = new URL(env.STRIPE_API_BASE);
    const protocol = base.protocol === 'http:' ? 'http' : 'https';
    this.stripe = new Stripe(env.STRIPE_SECRET_KEY, {
      host: base.hostname,
      port: base.port || (protocol === 'http' ? 80 : 443),
      protocol,
      // 5xx, 409 and connection errors are retried by the library with back-off (same idempotency key).
      maxNetworkRetries: 2,
      timeout: CALL_TIMEOUT_MS,
      telemetry: false,
    });
    if (!env.STRIPE_WEBHOOK_SECRET) this.logger.warn('STRIPE_WEBHOOK_SECRET is not set: every Stripe webhook is refused');
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

  async chargeOffSession(charge: OffSessionCharge): Promise<IntentOutcome> {
    return this.withRetryAfter('create payment intent', async (timeout) => {
      try {
        const intent = await this.stripe.paymentIntents.create({
          amount: charge.amount, currency: charge.currency, customer: charge.customerId, payment_method: charge.paymentMethodId,
          off_session: true, confirm: true, description: charge.description, metadata: charge.metadata,
        }, { idempotencyKey: charge.idempotencyKey, timeout });
        return outcomeOf(intent);
      } catch (error) {
        // A decline is an answer, not a failure: Stripe sends the PaymentIntent with the 402.
        if (error instanceof Stripe.errors.StripeCardError && error.payment_intent) return outcomeOf(error.payment_intent, error);
        if (error instanceof Stripe.errors.StripeCardError || error instanceof Stripe.errors.StripeInvalidRequestError
          || error instanceof Stripe.errors.StripeIdempotencyError) {
          this.logger.warn({ msg: 'stripe refused the payment', ...failureInfo(error) });
          return refused(charge, error);
        }
        throw error;
      }
    });
  }

  async retrieveIntent(id: string): Promise<IntentOutcome> {
    return this.withRetryAfter('retrieve payment intent', async (timeout) => outcomeOf(await this.stripe.paymentIntents.retrieve(id, {}, { timeout })));
  }

  parseWebhook(rawBody: string, signature: string): ProviderEvent {
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signature, this.env.STRIPE_WEBHOOK_SECRET, this.env.STRIPE_WEBHOOK_TOLERANCE_SECONDS);
    } catch (error) {
      throw new WebhookSignatureError(error instanceof Error && /tolerance/i.test(error.message));
    }
    return eventOf(event);
  }

  /** Runs a Stripe call within the caller's deadline; a short Retry-After of a 429 is waited out. */
  private async withRetryAfter<T>(what: string, fn: (timeoutMs: number) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const timeout = this.timeLeft();
      if (timeout <= 0) throw new ProviderUnavailableError('network');
      try {
        return await fn(timeout);
      } catch (error) {
        const failure = unavailability(error);
        if (!failure) throw error;
        const wait = failure.retryAfterSeconds;
        if (failure.reason === 'rate_limited' && wait !== undefined && wait <= MAX_RETRY_AFTER_SECONDS
          && attempt < RATE_LIMIT_ATTEMPTS && wait * 1000 < this.timeLeft()) {
          this.logger.log({ msg: `stripe ${what} rate limited; retrying`, retryAfterSeconds: wait, attempt });
          await new Promise((resolve) => setTimeout(resolve, wait * 1000));
          continue;
        }
        const log = { msg: `stripe ${what} failed`, reason: failure.reason, retryAfterSeconds: wait, ...failureInfo(error) };
        if (failure.reason === 'auth') this.logger.error(log);
        else this.logger.warn(log);
        throw failure;
      }
    }
  }

  /** Milliseconds a call may take: CALL_TIMEOUT_MS, or less when the caller's deadline is nearer. */
  private timeLeft(): number {
    const deadline = requestContext.current()?.deadline;
    return deadline === undefined ? CALL_TIMEOUT_MS : Math.min(CALL_TIMEOUT_MS, deadline - Date.now() - DEADLINE_MARGIN_MS);
  }

  /**
   * Maps Stripe failures of card handling to domain errors. Only Stripe's own type/code/message
   * are logged: never the request (it holds the card number).
   */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError || error instanceof Stripe.errors.StripeInvalidRequestError) {
        throw billingError(BillingErrorCode.CardRejected, error.message, { code: error.code, decline_code: error.decline_code });
      }
      this.logger.warn({ msg: `stripe ${what} failed`, ...failureInfo(error) });
      throw billingError(BillingErrorCode.PaymentProviderUnavailable, 'Payment provider unavailable');
    }
  }
}

type PaymentError = { code?: string | null; decline_code?: string | null; message?: string | null };

function outcomeOf(intent: Stripe.PaymentIntent, error?: Stripe.errors.StripeError): IntentOutcome {
  const lastError: PaymentError | null = intent.last_payment_error ?? (error ? { code: error.code, decline_code: error.decline_code, message: error.message } : null);
  const state = intentState({ status: intent.status, last_payment_error: lastError });
  const failed = state === 'failed' || state === 'requires_action';
  const charge = intent.latest_charge;
  return {
    id: intent.id, state, chargeId: typeof charge === 'string' ? charge : charge?.id ?? null,
    amount: intent.amount, currency: intent.currency, metadata: { ...(intent.metadata ?? {}) },
    failureCode: failed ? lastError?.code || lastError?.decline_code || null : null,
    failureMessage: failed ? lastError?.message ?? null : null,
  };
}

/** Stripe refused to create the PaymentIntent at all (no such customer, card error without one, ...). */
function refused(charge: OffSessionCharge, error: Stripe.errors.StripeError): IntentOutcome {
  return {
    id: null, state: 'failed', chargeId: null, amount: charge.amount, currency: charge.currency, metadata: charge.metadata,
    failureCode: error.code ?? error.type, failureMessage: error.message || null,
  };
}

function eventOf(event: Stripe.Event): ProviderEvent {
  const object = (event as { data?: { object?: unknown } }).data?.object as Record<string, unknown> | undefined;
  if (object && (event.type === 'payment_intent.succeeded' || event.type === 'payment_intent.payment_failed')
    && object.object === 'payment_intent') {
    return { id: event.id, type: event.type, intent: outcomeOf(object as unknown as Stripe.PaymentIntent) };
  }
  if (object && event.type === 'charge.refunded' && object.object === 'charge') {
    const charge = object as unknown as Stripe.Charge;
    const intent = charge.payment_intent;
    return {
      id: event.id, type: 'charge.refunded',
      charge: { id: charge.id, paymentIntentId: typeof intent === 'string' ? intent : intent?.id ?? null, amount: charge.amount, amountRefunded: charge.amount_refunded },
    };
  }
  return { id: event.id, type: 'other', providerType: String(event.type) };
}

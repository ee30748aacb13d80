/** Raw card data: passed through to the provider, never stored, logged or put in an event. */
export interface CardInput {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc: string;
  name?: string;
}

export interface StoredCard {
  customerId: string;
  paymentMethodId: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

/** Where a payment stands: `requires_action` means the card holder must authenticate it (on session). */
export type IntentState = 'pending' | 'requires_action' | 'processing' | 'succeeded' | 'failed';

/** A PaymentIntent as billing needs it; `id` is null when Stripe refused to create one (e.g. no such customer). */
export interface IntentOutcome {
  id: string | null;
  state: IntentState;
  chargeId: string | null;
  amount: number;
  currency: string;
  metadata: Record<string, string>;
  /** Stripe's error code (card_declined, authentication_required, ...) and its message for the card holder. */
  failureCode: string | null;
  failureMessage: string | null;
}

export interface OffSessionCharge {
  customerId: string;
  paymentMethodId: string;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  /** Same key on every attempt of one payment: Stripe answers a repeat with the first result. */
  idempotencyKey: string;
  description: string;
  metadata: Record<string, string>;
}

export interface RefundedCharge { id: string; paymentIntentId: string | null; amount: number; amountRefunded: number }

/** A verified webhook event, reduced to what billing applies. */
export type ProviderEvent =
  | { id: string; type: 'payment_intent.succeeded' | 'payment_intent.payment_failed'; intent: IntentOutcome }
  | { id: string; type: 'charge.refunded'; charge: RefundedCharge }
  | { id: string; type: 'other'; providerType: string };

export type UnavailableReason = 'auth' | 'rate_limited' | 'server' | 'network';

/**
 * The provider did not take the request (bad API key, rate limit, 5xx, network): nothing was
 * charged, or a retry with the same idempotency key finds out. `retryAfterSeconds` from Retry-After.
 */
export class ProviderUnavailableError extends Error {
  constructor(readonly reason: UnavailableReason, readonly retryAfterSeconds?: number) {
    super(`payment provider unavailable (${reason})`);
    this.name = 'ProviderUnavailableError';
  }
}

/** A webhook whose signature does not verify, or that was signed too long ago. */
export class WebhookSignatureError extends Error {
  constructor(readonly stale: boolean) {
    super(stale ? 'Webhook timestamp outside the tolerance' : 'Invalid Stripe-Signature');
    this.name = 'WebhookSignatureError';
  }
}

/** What billing needs from a card payment provider (Stripe in production, its stand-in in tests). */
export abstract class PaymentProvider {
  /** Tokenises the card and attaches it to `existingCustomerId` or a new customer. */
  abstract attachCard(card: CardInput, owner: { type: string; id: string }, existingCustomerId?: string): Promise<StoredCard>;
  /** Deletes the customer (and with it its payment methods); a customer already gone is fine. */
  abstract deleteCustomer(customerId: string): Promise<void>;
  /**
   * Creates and confirms an off-session PaymentIntent. A decline or a required authentication
   * resolves (state failed / requires_action); only ProviderUnavailableError rejects.
   */
  abstract chargeOffSession(charge: OffSessionCharge): Promise<IntentOutcome>;
  abstract retrieveIntent(id: string): Promise<IntentOutcome>;
  /** Verifies the Stripe-Signature over the raw body; throws WebhookSignatureError. */
  abstract parseWebhook(rawBody: string, signature: string): ProviderEvent;
}

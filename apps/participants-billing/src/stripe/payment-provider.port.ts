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

/** What billing needs from a card payment provider (Stripe in production, its stand-in in tests). */
export abstract class PaymentProvider {
  /** Tokenises the card and attaches it to `existingCustomerId` or a new customer. */
  abstract attachCard(card: CardInput, owner: { type: string; id: string }, existingCustomerId?: string): Promise<StoredCard>;
  /** Deletes the customer (and with it its payment methods); a customer already gone is fine. */
  abstract deleteCustomer(customerId: string): Promise<void>;
}

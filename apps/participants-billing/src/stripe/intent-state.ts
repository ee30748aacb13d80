import type { IntentState } from './payment-provider.port.js';

/** The fields of a Stripe PaymentIntent that decide where the payment stands. */
export interface IntentLike {
  status: string;
  last_payment_error?: { code?: string | null; decline_code?: string | null } | null;
}

/**
 * A PaymentIntent's state for billing. An off-session payment the bank wants authenticated
 * comes back `requires_payment_method` with `authentication_required`: the card holder has to
 * act, so it is `requires_action` like an on-session one, not a plain decline.
 */
export function intentState(intent: IntentLike): IntentState {
  switch (intent.status) {
    case 'succeeded': return 'succeeded';
    case 'processing':
    case 'requires_capture': return 'processing';
    case 'requires_action': return 'requires_action';
    case 'canceled': return 'failed';
    case 'requires_payment_method': {
      const error = intent.last_payment_error;
      if (!error) return 'pending';
      return error.code === 'authentication_required' || error.decline_code === 'authentication_required' ? 'requires_action' : 'failed';
    }
    default: return 'pending';
  }
}

/** Statuses of invoices and top-ups that no later PaymentIntent news may undo. */
const SETTLED = new Set(['succeeded', 'refunded', 'partially_refunded']);

/**
 * The status after news about the payment (answers, webhooks and look-ups arrive in any order):
 * a settled payment stays settled (only a refund moves it on); anything else takes the news.
 */
export function nextStatus<S extends string>(current: S, news: IntentState): S | IntentState {
  return SETTLED.has(current) ? current : news;
}

export const isSettled = (status: string) => SETTLED.has(status);

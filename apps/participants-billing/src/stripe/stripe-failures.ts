import Stripe from 'stripe';
import { ProviderUnavailableError } from './payment-provider.port.js';

/** What may be logged of a Stripe failure: its type, code and status, never the request. */
export function failureInfo(error: unknown): Record<string, unknown> {
  return error instanceof Stripe.errors.StripeError
    ? { type: error.type, code: error.code, status: error.statusCode }
    : { type: error instanceof Error ? error.name : typeof error };
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(headers: Record<string, unknown> | undefined, now = Date.now()): number | undefined {
  const raw = headers?.['retry-after'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * A failure that means Stripe did not take the request (so a retry with the same idempotency key
 * is safe): a rejected API key, a rate limit, a 5xx after the library's own retries, the network.
 * Null for anything else (a card error, an invalid request, a bug of ours).
 */
export function unavailability(error: unknown): ProviderUnavailableError | null {
  if (error instanceof ProviderUnavailableError) return error;
  if (error instanceof Stripe.errors.StripeAuthenticationError || error instanceof Stripe.errors.StripePermissionError) {
    return new ProviderUnavailableError('auth');
  }
  if (error instanceof Stripe.errors.StripeRateLimitError) {
    return new ProviderUnavailableError('rate_limited', retryAfterSeconds(error.headers as Record<string, unknown> | undefined));
  }
  if (error instanceof Stripe.errors.StripeConnectionError) return new ProviderUnavailableError('network');
  if (error instanceof Stripe.errors.StripeAPIError || error instanceof Stripe.errors.StripeError) {
    const status = (error as Stripe.errors.StripeError).statusCode ?? 500;
    if (status >= 500 || status === 409) {
      return new ProviderUnavailableError('server', retryAfterSeconds((error as Stripe.errors.StripeError).headers as Record<string, unknown> | undefined));
    }
  }
  return null;
}

import Stripe from 'stripe';
import { retryAfterSeconds, unavailability } from './stripe-failures.js';

const raw = (statusCode: number, extra: Record<string, unknown> = {}) => ({ statusCode, message: 'x', ...extra });

describe('retryAfterSeconds', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterSeconds({ 'retry-after': '7' })).toBe(7);
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(retryAfterSeconds({ 'retry-after': 'Tue, 01 Jan 2030 00:00:10 GMT' }, now)).toBe(10);
    expect(retryAfterSeconds({ 'retry-after': 'soon' })).toBeUndefined();
    expect(retryAfterSeconds({})).toBeUndefined();
    expect(retryAfterSeconds(undefined)).toBeUndefined();
  });
});

describe('unavailability', () => {
  it('is a rejected key, a rate limit (with Retry-After), a 5xx or the network', () => {
    expect(unavailability(new Stripe.errors.StripeAuthenticationError(raw(401)))?.reason).toBe('auth');
    const limited = unavailability(new Stripe.errors.StripeRateLimitError(raw(429, { headers: { 'retry-after': '2' } })));
    expect(limited).toMatchObject({ reason: 'rate_limited', retryAfterSeconds: 2 });
    expect(unavailability(new Stripe.errors.StripeAPIError(raw(503)))?.reason).toBe('server');
    expect(unavailability(new Stripe.errors.StripeConnectionError(raw(0)))?.reason).toBe('network');
  });

  it('is nothing for a card error, an invalid request or a bug', () => {
    expect(unavailability(new Stripe.errors.StripeCardError(raw(402)))).toBeNull();
    expect(unavailability(new Stripe.errors.StripeInvalidRequestError(raw(400)))).toBeNull();
    expect(unavailability(new TypeError('x'))).toBeNull();
  });
});

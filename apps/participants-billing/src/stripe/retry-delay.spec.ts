import { ProviderUnavailableError } from './payment-provider.port.js';
import { retryDelayMs } from './retry-delay.js';

describe('retryDelayMs', () => {
  it('doubles the interval per attempt, at most an hour', () => {
    const error = new ProviderUnavailableError('server');
    expect([0, 1, 2, 3].map((n) => retryDelayMs(error, n, 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(error, 40, 15_000)).toBe(3_600_000);
  });

  it("follows the provider's Retry-After, never sooner than the interval", () => {
    expect(retryDelayMs(new ProviderUnavailableError('rate_limited', 30), 5, 1000)).toBe(30_000);
    expect(retryDelayMs(new ProviderUnavailableError('rate_limited', 0), 0, 1000)).toBe(1000);
    expect(retryDelayMs(new ProviderUnavailableError('rate_limited', 999_999), 0, 1000)).toBe(3_600_000);
  });
});

import type { ProviderUnavailableError } from './payment-provider.port.js';

const MAX_DELAY_MS = 3_600_000;

/**
 * When to try a payment again after the provider did not take it: its Retry-After when it sent
 * one, else the retry interval doubled per attempt so far, at most an hour.
 */
export function retryDelayMs(error: ProviderUnavailableError, attemptsSoFar: number, intervalMs: number): number {
  if (error.retryAfterSeconds !== undefined) return Math.min(MAX_DELAY_MS, Math.max(intervalMs, error.retryAfterSeconds * 1000));
  return Math.min(MAX_DELAY_MS, intervalMs * 2 ** Math.min(attemptsSoFar, 20));
}

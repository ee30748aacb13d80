import { BillingErrorCode, billingError } from './billing-errors.js';

const COINS = /^(0|[1-9][0-9]{0,77})$/;

/** Parses an 18-decimal integer coins string ("1000000000000000000" = 1 coin); rejects numbers and decimals. */
export function parseCoins(value: unknown, field: string, { positive = true } = {}): bigint {
  if (typeof value !== 'string' || !COINS.test(value)) {
    throw billingError(BillingErrorCode.InvalidCoins, `${field} must be coins as an integer string, e.g. "1000000000000000000"`,
      [{ field, errors: ['must be an integer string of coins with 18 decimals'] }]);
  }
  const coins = BigInt(value);
  if (positive && coins <= 0n) {
    throw billingError(BillingErrorCode.InvalidCoins, `${field} must be greater than 0`, [{ field, errors: ['must be greater than 0'] }]);
  }
  return coins;
}

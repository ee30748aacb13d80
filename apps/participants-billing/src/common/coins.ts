import { coinsOf } from '#libs/contracts';
import { BillingErrorCode, billingError } from './billing-errors.js';

/** Parses an 18-decimal integer coins string ("1000000000000000000" = 1 coin); rejects numbers and decimals. */
export function parseCoins(value: unknown, field: string, { positive = true } = {}): bigint {
  const coins = coinsOf(value);
  if (coins === undefined) {
    throw billingError(BillingErrorCode.InvalidCoins, `${field} must be coins as an integer string, e.g. "1000000000000000000"`,
      [{ field, errors: ['must be an integer string of coins with 18 decimals'] }]);
  }
  if (positive && coins <= 0n) {
    throw billingError(BillingErrorCode.InvalidCoins, `${field} must be greater than 0`, [{ field, errors: ['must be greater than 0'] }]);
  }
  return coins;
}

import { BillingErrorCode, billingError } from '../common/billing-errors.js';

const COIN = 10n ** 18n;

/**
 * Coins a top-up buys per minor unit (cent) of its currency: the one place the rate lives.
 * 1 coin per cent makes the doc's example coherent (20000 = A$200 tops up 20000 coins when the
 * balance falls below a threshold of 20000 coins). Other currencies: add them here.
 */
export const COINS_PER_MINOR_UNIT: Readonly<Record<string, bigint>> = { aud: COIN, usd: COIN, eur: COIN, gbp: COIN, nzd: COIN };

export function topupCoins(amount: number, currency: string): bigint {
  const rate = COINS_PER_MINOR_UNIT[currency];
  if (rate === undefined) {
    const known = Object.keys(COINS_PER_MINOR_UNIT).join(', ');
    throw billingError(BillingErrorCode.UnsupportedCurrency, `Top-ups are made in ${known}`, [{ field: 'currency', errors: [`must be one of ${known}`] }]);
  }
  return BigInt(amount) * rate;
}

/** Coin amounts: 18-decimal integers, strings on the wire, bigint in code. */
export const COIN = 10n ** 18n;

/** Whole coins for texts ("Earned 1 Shping coins"). */
export function wholeCoins(amount: bigint): string {
  const whole = amount / COIN;
  const fraction = amount % COIN;
  return fraction === 0n ? whole.toString() : `${whole}.${fraction.toString().padStart(18, '0').replace(/0+$/, '')}`;
}

/** coins = base amount of the action at the user's level × the campaign's coin rate. */
export function claimCoins(baseAmount: bigint, coinRate: number): bigint {
  if (!Number.isInteger(coinRate) || coinRate < 0) throw new RangeError('coin rate must be a non-negative integer');
  return baseAmount * BigInt(coinRate);
}

import type { FeeSource, FeeType, SettingStatus } from './fee-setting.entity.js';

export interface ActiveFee {
  type: FeeType;
  /** percentages: hundredths of a percent (1 = 0.01 %, 10000 = 100 %). */
  percentHundredths: number | null;
  coins: bigint | null;
  source: FeeSource;
  status: SettingStatus;
}

export interface FeeSplit {
  /** Taken from the balance together with the amount. */
  balanceFee: bigint;
  /** Added to the participant's invoice instead. */
  invoiceFee: bigint;
}

/**
 * The fee on a charge of `amount` coins. A percentage fee is rounded up to the next unit
 * (1e-18 coin) so that a non-zero percentage never yields a zero fee.
 */
export function feeFor(amount: bigint, fee: ActiveFee | null): FeeSplit {
  const none = { balanceFee: 0n, invoiceFee: 0n };
  if (!fee || fee.status !== 'active' || amount <= 0n) return none;
  const value = fee.type === 'coins' ? (fee.coins ?? 0n) : ceilDiv(amount * BigInt(fee.percentHundredths ?? 0), 10_000n);
  return fee.source === 'balance' ? { balanceFee: value, invoiceFee: 0n } : { balanceFee: 0n, invoiceFee: value };
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** A JSON percentage (0 < value <= 100, at most two decimals) as hundredths; null when invalid. */
export function percentToHundredths(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const hundredths = Math.round(value * 100);
  if (Math.abs(hundredths - value * 100) > 1e-6) return null;
  return hundredths > 0 && hundredths <= 10_000 ? hundredths : null;
}

export function hundredthsToPercent(hundredths: number): number {
  return hundredths / 100;
}

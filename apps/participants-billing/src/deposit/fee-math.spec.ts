import { feeFor, hundredthsToPercent, percentToHundredths, type ActiveFee } from './fee-math.js';

const COIN = 10n ** 18n;
const pct = (p: number, source: 'balance' | 'invoice' = 'balance'): ActiveFee =>
  ({ type: 'percentages', percentHundredths: percentToHundredths(p), coins: null, source, status: 'active' });
const coins = (c: bigint, source: 'balance' | 'invoice' = 'balance'): ActiveFee =>
  ({ type: 'coins', percentHundredths: null, coins: c, source, status: 'active' });

describe('feeFor', () => {
  it('takes 50 % of the amount from the balance', () => {
    expect(feeFor(10n * COIN, pct(50))).toEqual({ balanceFee: 5n * COIN, invoiceFee: 0n });
  });

  it('takes a fixed 20 coins whatever the amount', () => {
    expect(feeFor(1n, coins(20n * COIN))).toEqual({ balanceFee: 20n * COIN, invoiceFee: 0n });
    expect(feeFor(1000n * COIN, coins(20n * COIN))).toEqual({ balanceFee: 20n * COIN, invoiceFee: 0n });
  });

  it('puts an invoice-sourced fee on the invoice, not on the balance', () => {
    expect(feeFor(10n * COIN, coins(20n * COIN, 'invoice'))).toEqual({ balanceFee: 0n, invoiceFee: 20n * COIN });
    expect(feeFor(10n * COIN, pct(10, 'invoice'))).toEqual({ balanceFee: 0n, invoiceFee: COIN });
  });

  it('charges 100 % as the full amount again', () => {
    expect(feeFor(7n, pct(100)).balanceFee).toBe(7n);
  });

  it('rounds a fractional percentage up to the next unit', () => {
    expect(feeFor(3n, pct(50)).balanceFee).toBe(2n);
    expect(feeFor(1n, pct(0.01)).balanceFee).toBe(1n);
    expect(feeFor(10_000n, pct(0.01)).balanceFee).toBe(1n);
    expect(feeFor(10_001n, pct(0.01)).balanceFee).toBe(2n);
  });

  it('is exact for amounts beyond 2^53', () => {
    const amount = 10_011_240_999_999_999_999_737_856n;
    expect(feeFor(amount, pct(2.5)).balanceFee).toBe((amount * 250n + 9_999n) / 10_000n);
  });

  it('charges nothing when the fee is inactive or absent', () => {
    expect(feeFor(10n * COIN, { ...pct(50), status: 'inactive' })).toEqual({ balanceFee: 0n, invoiceFee: 0n });
    expect(feeFor(10n * COIN, null)).toEqual({ balanceFee: 0n, invoiceFee: 0n });
  });
});

describe('percentToHundredths', () => {
  it('accepts 0 < value <= 100 with up to two decimals', () => {
    expect(percentToHundredths(50)).toBe(5000);
    expect(percentToHundredths(100)).toBe(10_000);
    expect(percentToHundredths(0.01)).toBe(1);
    expect(percentToHundredths(12.34)).toBe(1234);
    expect(hundredthsToPercent(1234)).toBe(12.34);
  });

  it('rejects zero, negatives, above 100, more decimals and non-numbers', () => {
    for (const bad of [0, -1, 100.01, 101, 0.001, 12.345, Number.NaN, Infinity, '50', null, undefined]) {
      expect(percentToHundredths(bad)).toBeNull();
    }
  });
});

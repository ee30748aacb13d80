import { claimCoins, wholeCoins } from './coins.js';

describe('coin arithmetic', () => {
  it('multiplies the base amount by the coin rate without losing digits', () => {
    expect(claimCoins(10n ** 18n, 1)).toBe(10n ** 18n);
    expect(claimCoins(15n * 10n ** 18n, 10)).toBe(150n * 10n ** 18n);
    expect(claimCoins(123456789012345678901234567890n, 3)).toBe(370370367037037036703703703670n);
    expect(() => claimCoins(1n, 1.5)).toThrow(RangeError);
  });
  it('prints whole coins', () => {
    expect(wholeCoins(10n ** 18n)).toBe('1');
    expect(wholeCoins(15n * 10n ** 17n)).toBe('1.5');
  });
});

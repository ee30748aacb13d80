import { DomainError } from '#libs/errors';
import { parseCoins } from './coins.js';

describe('parseCoins', () => {
  it('reads 18-decimal integer strings exactly, beyond 2^53', () => {
    expect(parseCoins('1000000000000000000', 'v')).toBe(10n ** 18n);
    expect(parseCoins('10011240999999999999737856', 'v')).toBe(10011240999999999999737856n);
    expect(parseCoins('0', 'v', { positive: false })).toBe(0n);
  });

  it('rejects JSON numbers, decimals, exponents, signs, leading zeros and zero when positive', () => {
    for (const bad of [20, 2e19, '20.5', '1e18', '-1', '+1', '01', '', ' 1', '0', null, undefined, '9'.repeat(79)]) {
      expect(() => parseCoins(bad, 'value')).toThrow(DomainError);
    }
  });
});

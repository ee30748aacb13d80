import { PLAN_MONTHLY_PRICES, periodMonths, periodPrice } from './plans.js';

describe('periodMonths', () => {
  it('counts calendar months, a started month as whole, at least one', () => {
    expect(periodMonths('2019-02-01', '2019-09-01')).toBe(7);
    expect(periodMonths('2020-01-01', '2020-02-01')).toBe(1);
    expect(periodMonths('2020-01-01', '2020-01-01')).toBe(1);
    expect(periodMonths('2020-01-15', '2020-02-16')).toBe(2);
    expect(periodMonths('2019-11-30', '2020-02-29')).toBe(3);
    expect(periodMonths('2019-02-16', '2020-02-16')).toBe(12);
  });
});

describe('periodPrice', () => {
  it('is the monthly price times the months, in the plan currency; custom is free', () => {
    expect(periodPrice('complete+', '2019-02-01', '2019-09-01')).toEqual({ amount: 7 * 59_900, currency: 'aud' });
    expect(periodPrice('custom', '2019-02-01', '2019-09-01')).toBeNull();
  });

  it('prices every paid plan as a positive integer of minor units', () => {
    for (const [plan, price] of Object.entries(PLAN_MONTHLY_PRICES)) {
      if (plan === 'custom') expect(price).toBeNull();
      else expect(Number.isInteger(price!.amount) && price!.amount >= 50).toBe(true);
    }
  });
});

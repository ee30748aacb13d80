import { USER_LEVELS_SEED } from '../migrations/1767300000001-seed-data/user-levels.js';
import { activityProgress, monthWindow, percentages, qualifiedLevel, targetLevel, todoTexts, levelProgress } from './level-rules.js';

const levels = USER_LEVELS_SEED;
const none = { unique_scans: 0, active_days: 0, reviews: 0, buddies: 0 };

describe('level rules (seeded from the doc)', () => {
  it('has the doc levels and coin rates 1/2/3/5/10', () => {
    expect(levels.map((l) => [l.type, l.coin_rate])).toEqual([['basic', 1], ['bronze', 2], ['silver', 3], ['gold', 5], ['platinum', 10]]);
  });

  it('reports days with no scans as active days (doc NOTICE)', () => {
    const bronzeDays = levels[1].activity.find((a) => a.id === 'number_of_days_with_no_scans')!;
    expect(activityProgress(bronzeDays, { ...none, active_days: 8 }, 31)).toMatchObject({ max_value: 11, value: 8, met: false, remaining: 3 });
  });

  it('qualifies the highest level whose requirements are all met', () => {
    expect(qualifiedLevel(levels, none, 30).type).toBe('basic');
    expect(qualifiedLevel(levels, { unique_scans: 20, active_days: 10, reviews: 0, buddies: 2 }, 30).type).toBe('bronze');
    expect(qualifiedLevel(levels, { unique_scans: 85, active_days: 16, reviews: 0, buddies: 5 }, 30).type).toBe('silver');
    expect(qualifiedLevel(levels, { unique_scans: 85, active_days: 14, reviews: 0, buddies: 5 }, 30).type).toBe('bronze');
    expect(qualifiedLevel(levels, { unique_scans: 300, active_days: 30, reviews: 9, buddies: 30 }, 30).type).toBe('gold');
    expect(qualifiedLevel(levels, { unique_scans: 300, active_days: 30, reviews: 10, buddies: 30 }, 30).type).toBe('platinum');
  });

  it('builds todo texts from the levelup_text templates', () => {
    const platinum = targetLevel(levels, 'platinum');
    const progress = levelProgress(platinum, { unique_scans: 8, active_days: 26, reviews: 4, buddies: 30 }, 31);
    expect(todoTexts(platinum, progress, 10)).toEqual([
      'You need to scan 292 new products for the current month to level up!',
      'You need to write 6 reviews to level up!',
    ]);
    const done = levelProgress(platinum, { unique_scans: 300, active_days: 31, reviews: 10, buddies: 30 }, 31);
    expect(todoTexts(platinum, done, 8)).toEqual(['Your Shping Level will be updated in 8 days.']);
  });

  it('targets the next level, or the top one', () => {
    expect(targetLevel(levels, 'basic').type).toBe('bronze');
    expect(targetLevel(levels, 'platinum').type).toBe('platinum');
  });

  it('computes capped mean percentages', () => {
    expect(percentages([])).toBe(100);
    expect(percentages([{ id: 'a', max_value: 20, value: 19, met: false, remaining: 1 }, { id: 'b', max_value: 10, value: 20, met: true, remaining: 0 }])).toBe(97);
  });

  it('finds the local month of a time zone', () => {
    const now = new Date('2018-11-30T22:00:00Z');
    expect(monthWindow(now, 0)).toMatchObject({ period: '2018-11', daysInMonth: 30, daysLeft: 1 });
    const east = monthWindow(now, 240);
    expect(east.period).toBe('2018-12');
    expect(east.from.toISOString()).toBe('2018-11-30T20:00:00.000Z');
    expect(monthWindow(new Date('2018-11-22T00:00:00Z'), 0).daysLeft).toBe(9);
  });
});

import { USERS_REMINDERS_SEED } from '../migrations/1767300000001-seed-data/users-reminders.js';
import { type ReminderFacts, reminderDue } from './reminder-rules.js';

const rule = (id: string) => USERS_REMINDERS_SEED.find((r) => r.id === id)!;
const now = new Date('2018-07-31T12:00:00Z');
const base: ReminderFacts = { daysFromRegistration: 30, daysFromLastScan: 1, hasCoins: true, buddies: 1, currentPercentages: 10, levelRank: 0, previousLevelRank: 0, topRank: 4 };

describe('users_reminders rules (seeded from the doc)', () => {
  it('welcomes a new user once', () => {
    expect(reminderDue(rule('welcome_message'), { ...base, daysFromRegistration: 0 }, null, now)).toBe(true);
    expect(reminderDue(rule('welcome_message'), { ...base, daysFromRegistration: 0 }, new Date('2018-07-31T11:00:00Z'), now)).toBe(false);
    expect(reminderDue(rule('welcome_message'), base, null, now)).toBe(false);
  });
  it('misses a user with coins after 21 days without scans', () => {
    expect(reminderDue(rule('we_missed_you'), { ...base, daysFromLastScan: 21 }, null, now)).toBe(true);
    expect(reminderDue(rule('we_missed_you'), { ...base, daysFromLastScan: 21, hasCoins: false }, null, now)).toBe(false);
    expect(reminderDue(rule('we_missed_you'), { ...base, daysFromLastScan: 20 }, null, now)).toBe(false);
  });
  it('repeats half_way_to_next_level every 10 days', () => {
    const facts = { ...base, currentPercentages: 50 };
    expect(reminderDue(rule('half_way_to_next_level'), facts, null, now)).toBe(true);
    expect(reminderDue(rule('half_way_to_next_level'), facts, new Date('2018-07-25T12:00:00Z'), now)).toBe(false);
    expect(reminderDue(rule('half_way_to_next_level'), facts, new Date('2018-07-21T12:00:00Z'), now)).toBe(true);
  });
  it('notices a dropped or reached level', () => {
    expect(reminderDue(rule('you_dropped_level'), { ...base, levelRank: 1, previousLevelRank: 2 }, null, now)).toBe(true);
    expect(reminderDue(rule('you_reached_level'), { ...base, levelRank: 2, previousLevelRank: 1 }, null, now)).toBe(true);
    expect(reminderDue(rule('you_reached_level'), base, null, now)).toBe(false);
  });
});

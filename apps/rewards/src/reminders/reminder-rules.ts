import type { ReminderRule } from './reminder-types.js';

/** What the rules look at, for one user at one moment. */
export interface ReminderFacts {
  daysFromRegistration: number;
  /** Days since the last scan; null when the user never scanned. */
  daysFromLastScan: number | null;
  hasCoins: boolean;
  buddies: number;
  currentPercentages: number;
  /** Position of the level now and before the last recomputation (basic = 0). */
  levelRank: number;
  previousLevelRank: number | null;
  topRank: number;
}

const NEW_USER_DAYS = 7;
const HEAVY_RANK_FROM_TOP = 1;

export function conditionHolds(c: ReminderRule['conditions'][number], f: ReminderFacts): boolean {
  const period = c.period ?? 0;
  switch (c.type) {
    case 'new_user': return f.daysFromRegistration < NEW_USER_DAYS;
    case 'no_scans_from_reg_date': return f.daysFromLastScan === null && f.daysFromRegistration >= period;
    case 'no_scans_from_current_date': return (f.daysFromLastScan ?? f.daysFromRegistration) >= period;
    case 'have_coins': return f.hasCoins;
    case 'no_buddies_from_reg_date': return f.buddies === 0 && f.daysFromRegistration >= period;
    case 'current_percentages': return f.currentPercentages >= (c.value_from ?? 0) && f.currentPercentages <= (c.value_to ?? 100);
    case 'days_from_reg_date': return f.daysFromRegistration >= period;
    case 'drop_level': return f.previousLevelRank !== null && f.levelRank < f.previousLevelRank;
    case 'reach_level': return f.previousLevelRank !== null && f.levelRank > f.previousLevelRank;
    case 'level_incentives': return f.levelRank >= f.topRank - HEAVY_RANK_FROM_TOP;
    case 'level_incentives_platinum': return f.levelRank === f.topRank && f.previousLevelRank === f.topRank;
    default: return false;
  }
}

/** Active, every condition holds, and not sent before ('once') or not within the last N days. */
export function reminderDue(rule: ReminderRule, facts: ReminderFacts, lastSentAt: Date | null, now: Date): boolean {
  if (rule.status !== 'active') return false;
  if (!rule.conditions.every((c) => conditionHolds(c, facts))) return false;
  if (!lastSentAt) return true;
  if (rule.periodically === 'once') return false;
  return now.getTime() - lastSentAt.getTime() >= Number(rule.periodically) * 86_400_000;
}

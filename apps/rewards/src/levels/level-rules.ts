import type { DashboardActivity } from '#libs/contracts';
import type { LevelActivity, LevelDefinition, MonthStats, MonthWindow } from './level-types.js';

const DAY_MS = 86_400_000;

/** The user's local calendar month containing `now` (timezone_min = minutes east of UTC). */
export function monthWindow(now: Date, timezoneMin: number): MonthWindow {
  const local = new Date(now.getTime() + timezoneMin * 60_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const from = new Date(Date.UTC(y, m, 1) - timezoneMin * 60_000);
  const to = new Date(Date.UTC(y, m + 1, 1) - timezoneMin * 60_000);
  const daysInMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const daysLeft = Math.max(1, Math.ceil((to.getTime() - now.getTime()) / DAY_MS));
  return { from, to, period: periodOf(y, m), daysInMonth, daysLeft };
}

function periodOf(year: number, month: number): string {
  return `${year}-${String(month + 1).padStart(2, '0')}`;
}

export interface ActivityProgress extends DashboardActivity { met: boolean; remaining: number }

/**
 * Progress on one requirement. Days with no scans are reported as active days, as the doc's
 * NOTICE says: max_value = days in month − allowed days without scans, value = active days.
 */
export function activityProgress(activity: LevelActivity, stats: MonthStats, daysInMonth: number): ActivityProgress {
  let max = activity.value;
  let value: number;
  switch (activity.id) {
    case 'unique_scans': value = stats.unique_scans; break;
    case 'number_of_days_with_no_scans': max = Math.max(0, daysInMonth - activity.value); value = stats.active_days; break;
    case 'write_review': value = stats.reviews; break;
    case 'buddies': value = stats.buddies; break;
    default: value = 0;
  }
  const remaining = Math.max(0, max - value);
  return { id: activity.id, max_value: max, value, met: remaining === 0, remaining };
}

export function levelProgress(level: LevelDefinition, stats: MonthStats, daysInMonth: number): ActivityProgress[] {
  return level.activity.map((a) => activityProgress(a, stats, daysInMonth));
}

/** Mean of the capped progress of every requirement, floored; a level without requirements is 100. */
export function percentages(progress: ActivityProgress[]): number {
  if (progress.length === 0) return 100;
  const sum = progress.reduce((acc, p) => acc + (p.max_value === 0 ? 1 : Math.min(1, p.value / p.max_value)), 0);
  return Math.floor((sum / progress.length) * 100);
}

/** The highest level (levels are ordered lowest first) whose every requirement the month meets. */
export function qualifiedLevel(levels: LevelDefinition[], stats: MonthStats, daysInMonth: number): LevelDefinition {
  let best = levels[0];
  for (const level of levels) {
    if (levelProgress(level, stats, daysInMonth).every((p) => p.met)) best = level;
  }
  return best;
}

/** The level the user works towards: the next one up, or the current one at the top. */
export function targetLevel(levels: LevelDefinition[], currentType: string): LevelDefinition {
  const index = levels.findIndex((l) => l.type === currentType);
  if (index < 0) return levels[0];
  return levels[Math.min(index + 1, levels.length - 1)];
}

export function fillTemplate(template: string, value: number | string): string {
  return template.replace('{}', String(value));
}

/** `todo` texts: the levelup_text of every unmet requirement, or the "updated in N days" line. */
export function todoTexts(target: LevelDefinition, progress: ActivityProgress[], daysLeft: number): string[] {
  const texts = target.activity
    .map((activity, i) => ({ activity, p: progress[i] }))
    .filter(({ p }) => !p.met)
    .map(({ activity, p }) => fillTemplate(activity.levelup_text, p.remaining));
  return texts.length > 0 ? texts : [fillTemplate(target.short_description, daysLeft)];
}

export function scansLeft(progress: ActivityProgress[]): number {
  return progress.find((p) => p.id === 'unique_scans')?.remaining ?? 0;
}

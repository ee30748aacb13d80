import type { DataSource } from 'typeorm';
import type { LevelDefinition } from './level-types.js';
import { monthWindow, previousMonthWindow, qualifiedLevel } from './level-rules.js';
import { monthStats } from './levels.service.js';

export interface MonthEndSummary { examined: number; changed: number }

/**
 * Recomputes the level of every user whose local month (timezone_min) has ended since the last
 * run, from that month's activity. Batches by user id; each user's new period is written with
 * the level, so an interrupted run resumes where it stopped and a second run changes nothing.
 */
export async function recomputeMonthEnd(ds: DataSource, levels: LevelDefinition[], now = new Date(), batchSize = 500): Promise<MonthEndSummary> {
  let cursor = '';
  let examined = 0;
  let changed = 0;
  for (;;) {
    const users = await ds.query(
      `SELECT user_id, level, timezone_min FROM rewards.users
       WHERE user_id > $1 AND (level_period IS NULL OR level_period <> to_char(($2::timestamptz + make_interval(mins => timezone_min)) AT TIME ZONE 'UTC', 'YYYY-MM'))
       ORDER BY user_id LIMIT ${batchSize}`, [cursor, now],
    ) as { user_id: string; level: string; timezone_min: number }[];
    if (users.length === 0) break;
    for (const user of users) {
      const previous = previousMonthWindow(now, user.timezone_min);
      const stats = await monthStats(ds, user.user_id, previous, user.timezone_min);
      const level = qualifiedLevel(levels, stats, previous.daysInMonth).type;
      const period = monthWindow(now, user.timezone_min).period;
      await ds.query(
        `UPDATE rewards.users SET previous_level = level, level = $2, level_period = $3,
           level_changed_at = CASE WHEN level <> $2 THEN $4 ELSE level_changed_at END WHERE user_id = $1`,
        [user.user_id, level, period, now],
      );
      examined += 1;
      if (level !== user.level) changed += 1;
    }
    cursor = users[users.length - 1].user_id;
  }
  return { examined, changed };
}

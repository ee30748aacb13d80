import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../common/sql-repository.js';
import type { UserRow } from '../common/users.repository.js';
import type { MonthStats, MonthWindow } from './level-types.js';

export type UserWithBalance = UserRow & { asked_id: string; balance_coins: string | null; balance_pending: string | null };

/** What levels are computed from: a user's activity in a month window (scans, contributions, buddies). */
@Injectable()
export class LevelsRepository extends SqlRepository {
  /**
   * What a user did inside a window: unique scanned codes, active local days, accepted reviews,
   * buddies. One statement: this runs on every GET /account.
   */
  async monthStats(userId: string, window: MonthWindow, timezoneMin: number): Promise<MonthStats> {
    const [row] = await this.ds.query(
      `SELECT s.unique_scans, s.active_days,
              (SELECT count(*)::int FROM rewards.contributions
                WHERE user_id = $1 AND kind = 'review' AND status = 'accepted' AND ts >= $2 AND ts < $3) AS reviews,
              (SELECT count(*)::int FROM rewards.buddies WHERE user_id = $1) AS buddies
       FROM (SELECT count(DISTINCT code)::int AS unique_scans,
                    count(DISTINCT ((event_ts + make_interval(mins => $4)) AT TIME ZONE 'UTC')::date)::int AS active_days
             FROM rewards.scans WHERE user_id = $1 AND event_ts >= $2 AND event_ts < $3) s`,
      [userId, window.from, window.to, timezoneMin]) as { unique_scans: number; active_days: number; reviews: number; buddies: number }[];
    return { unique_scans: row.unique_scans, active_days: row.active_days, reviews: row.reviews, buddies: row.buddies };
  }

  /** monthStats of many users (each its own window) in one statement. */
  async monthStatsOf(users: { userId: string; window: MonthWindow; timezoneMin: number }[]): Promise<Map<string, MonthStats>> {
    const rows = await this.ds.query(
      `SELECT q.user_id, s.unique_scans, s.active_days,
              (SELECT count(*)::int FROM rewards.contributions c
                WHERE c.user_id = q.user_id AND c.kind = 'review' AND c.status = 'accepted' AND c.ts >= q.w_from AND c.ts < q.w_to) AS reviews,
              (SELECT count(*)::int FROM rewards.buddies b WHERE b.user_id = q.user_id) AS buddies
       FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::int[]) AS q(user_id, w_from, w_to, tz)
       CROSS JOIN LATERAL (SELECT count(DISTINCT code)::int AS unique_scans,
                    count(DISTINCT ((event_ts + make_interval(mins => q.tz)) AT TIME ZONE 'UTC')::date)::int AS active_days
             FROM rewards.scans WHERE user_id = q.user_id AND event_ts >= q.w_from AND event_ts < q.w_to) s`,
      [users.map((u) => u.userId), users.map((u) => u.window.from), users.map((u) => u.window.to), users.map((u) => u.timezoneMin)],
    ) as ({ user_id: string } & MonthStats)[];
    return new Map(rows.map((r) => [r.user_id, { unique_scans: r.unique_scans, active_days: r.active_days, reviews: r.reviews, buddies: r.buddies }]));
  }

  /**
   * The users' rows (user_id null for one rewards has not heard of) with their balances. LATERAL
   * look-ups with LIMIT 1 (not joins): each user by index, never a scan of a whole table when the
   * planner's estimates are off.
   */
  async usersWithBalances(userIds: string[]): Promise<UserWithBalance[]> {
    return await this.ds.query(
      `SELECT q.user_id AS asked_id, u.*, b.coins::text AS balance_coins, b.pending_coins::text AS balance_pending
       FROM unnest($1::text[]) AS q(user_id)
       LEFT JOIN LATERAL (SELECT * FROM rewards.users WHERE user_id = q.user_id LIMIT 1) u ON true
       LEFT JOIN LATERAL (SELECT coins, pending_coins FROM rewards.balances WHERE user_id = q.user_id LIMIT 1) b ON true`,
      [userIds]) as UserWithBalance[];
  }
}

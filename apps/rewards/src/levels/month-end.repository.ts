import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../common/sql-repository.js';

/** The users whose local month has ended since their last recomputation (as BATCH_STATS picks them). */
const DUE = `deleted_at IS NULL
      AND (level_period IS NULL OR level_period <> to_char(($1::timestamptz + make_interval(mins => timezone_min)) AT TIME ZONE 'UTC', 'YYYY-MM'))`;

/**
 * One batch: the next users (by id) whose local month (timezone_min) has ended since their last
 * recomputation, with their previous local month's window and that month's activity (unique
 * scanned codes, active local days, accepted reviews, buddies) in one query. Reviews and buddies
 * are counted set-based over the batch's id range (one index range scan each, not one lookup per
 * user); scans per user through scans_user_ts. Active days are a bit mask of the window's day
 * indexes (whole 24-hour days since the local month began: timezone_min is a fixed offset), which
 * spares a second sort per user for a count(DISTINCT).
 */
const BATCH_STATS = `
  WITH w AS (
    SELECT user_id, level, timezone_min, to_char(month_local, 'YYYY-MM') AS period,
           ((month_local - interval '1 month') - make_interval(mins => timezone_min)) AT TIME ZONE 'UTC' AS w_from,
           (month_local - make_interval(mins => timezone_min)) AT TIME ZONE 'UTC' AS w_to,
           extract(day FROM month_local - interval '1 day')::int AS days_in_month
    FROM (
      SELECT user_id, level, timezone_min,
             date_trunc('month', ($2::timestamptz AT TIME ZONE 'UTC') + make_interval(mins => timezone_min)) AS month_local
      FROM rewards.users
      WHERE user_id > $1 AND ($4::text IS NULL OR user_id <= $4) AND deleted_at IS NULL
        AND (level_period IS NULL OR level_period <> to_char(($2::timestamptz + make_interval(mins => timezone_min)) AT TIME ZONE 'UTC', 'YYYY-MM'))
      ORDER BY user_id LIMIT $3
    ) b
  ), r AS (SELECT min(user_id) AS lo, max(user_id) AS hi FROM w)
  SELECT w.user_id, w.level, w.period, w.days_in_month,
         coalesce(sc.unique_scans, 0) AS unique_scans, coalesce(sc.active_days, 0) AS active_days,
         coalesce(rv.n, 0) AS reviews, coalesce(bd.n, 0) AS buddies
  FROM w
  LEFT JOIN LATERAL (
    SELECT count(DISTINCT s.code)::int AS unique_scans,
           bit_count(bit_or(1::bigint << date_part('day', s.event_ts - w.w_from)::int)::bit(64))::int AS active_days
    FROM rewards.scans s WHERE s.user_id = w.user_id AND s.event_ts >= w.w_from AND s.event_ts < w.w_to
  ) sc ON true
  LEFT JOIN (
    SELECT c.user_id, count(*)::int AS n FROM rewards.contributions c JOIN w USING (user_id)
    WHERE c.user_id >= (SELECT lo FROM r) AND c.user_id <= (SELECT hi FROM r)
      AND c.kind = 'review' AND c.status = 'accepted' AND c.ts >= w.w_from AND c.ts < w.w_to
    GROUP BY c.user_id
  ) rv ON rv.user_id = w.user_id
  LEFT JOIN (
    SELECT x.user_id, count(*)::int AS n FROM rewards.buddies x
    WHERE x.user_id >= (SELECT lo FROM r) AND x.user_id <= (SELECT hi FROM r)
    GROUP BY x.user_id
  ) bd ON bd.user_id = w.user_id
  ORDER BY w.user_id`;

/**
 * The batch's users are one range of ids ($5..$6, BATCH_STATS answers them in order): the range
 * makes the update read them by index. Without it, 5,000 looked-up ids cost the planner more than
 * a scan of the whole table, and every batch read all the users (a hash join on a sequential scan).
 */
const WRITE_LEVELS = `
  UPDATE rewards.users u SET previous_level = u.level, level = v.level, level_period = v.period,
    level_changed_at = CASE WHEN u.level <> v.level THEN $4 ELSE u.level_changed_at END
  FROM unnest($1::text[], $2::text[], $3::text[]) AS v(user_id, level, period)
  WHERE u.user_id = v.user_id AND u.user_id >= $5 AND u.user_id <= $6`;

export interface BatchRow {
  user_id: string; level: string; period: string; days_in_month: number;
  unique_scans: number; active_days: number; reviews: number; buddies: number;
}

/** The month-end recomputation's statements (recomputeMonthEnd runs them): moved here as they were. */
@Injectable()
export class MonthEndRepository extends SqlRepository {
  /** How many users are due at `now`. */
  async countDue(now: Date): Promise<number> {
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM rewards.users WHERE ${DUE}`, [now]) as { total: number }[];
    return total;
  }

  /** User ids that cut the users into `parts` ranges of about the same size (from a 1 % sample); none for a small table. */
  async splitPoints(parts: number): Promise<string[]> {
    if (parts < 2) return [];
    const fractions = Array.from({ length: parts - 1 }, (_, i) => (i + 1) / parts);
    const [{ bounds }] = await this.ds.query(
      'SELECT percentile_disc($1::float8[]) WITHIN GROUP (ORDER BY user_id) AS bounds FROM rewards.users TABLESAMPLE SYSTEM (1)', [fractions]) as { bounds: string[] | null }[];
    // Ascending in the database's collation already (the order `user_id >` compares in).
    return bounds ? [...new Set(bounds)] : [];
  }

  /** BATCH_STATS: the next batch after `cursor` (up to `to`, null: no end). */
  async batch(cursor: string, now: Date, batchSize: number, to: string | null): Promise<BatchRow[]> {
    return await this.ds.query(BATCH_STATS, [cursor, now, batchSize, to]) as BatchRow[];
  }

  /** WRITE_LEVELS for one batch (its users are the id range lo..hi). */
  async writeLevels(userIds: string[], levels: string[], periods: string[], now: Date, lo: string, hi: string): Promise<void> {
    await this.ds.query(WRITE_LEVELS, [userIds, levels, periods, now, lo, hi]);
  }
}

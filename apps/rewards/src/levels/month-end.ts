import type { DataSource } from 'typeorm';
import type { LevelDefinition } from './level-types.js';
import { qualifiedLevel } from './level-rules.js';

export interface MonthEndSummary { examined: number; changed: number }
export interface LevelChange { userId: string; level: string }
/** Where a run is: users recomputed of those due when it started, the rate so far and what is left at that rate. */
export interface MonthEndProgress { done: number; total: number; changed: number; elapsedSeconds: number; usersPerSecond: number; etaSeconds: number | null }

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

interface BatchRow {
  user_id: string; level: string; period: string; days_in_month: number;
  unique_scans: number; active_days: number; reviews: number; buddies: number;
}

/**
 * Recomputes the level of every user whose local month has ended since the last run. Batches by
 * user id (one stats query and one update per batch, each batch its own transaction); the new
 * period is written with the level, so an interrupted run resumes where it stopped and a second
 * run changes nothing. `workers` ranges of user ids (split at a sample's quantiles) run at once:
 * the work is PostgreSQL's, and one backend uses one core. `onChanged` hears every level that
 * changed (statistics events), `onProgress` the start and every finished batch.
 */
export async function recomputeMonthEnd(
  ds: Pick<DataSource, 'query'>, levels: LevelDefinition[], now = new Date(), batchSize = 5000,
  onChanged?: (changes: LevelChange[]) => void, onProgress?: (progress: MonthEndProgress) => void, workers = 2,
): Promise<MonthEndSummary> {
  const started = Date.now();
  const [[{ total }], bounds] = await Promise.all([
    ds.query(`SELECT count(*)::int AS total FROM rewards.users WHERE ${DUE}`, [now]) as Promise<{ total: number }[]>,
    splitPoints(ds, workers),
  ]);
  const summary: MonthEndSummary = { examined: 0, changed: 0 };
  const report = () => {
    const elapsedSeconds = (Date.now() - started) / 1000;
    const usersPerSecond = elapsedSeconds > 0 ? summary.examined / elapsedSeconds : 0;
    const left = Math.max(0, total - summary.examined);
    onProgress?.({ done: summary.examined, total, changed: summary.changed, elapsedSeconds, usersPerSecond, etaSeconds: usersPerSecond > 0 ? left / usersPerSecond : null });
  };
  report();
  const ranges = [undefined, ...bounds].map((lo, i) => ({ from: lo ?? '', to: bounds[i] ?? null }));
  await Promise.all(ranges.map((range) => recomputeRange(ds, levels, now, batchSize, range, (rows, changes) => {
    summary.examined += rows;
    summary.changed += changes.length;
    if (changes.length > 0) onChanged?.(changes);
    report();
  })));
  return summary;
}

/** User ids that cut the users into `parts` ranges of about the same size (from a 1 % sample); none for a small table. */
async function splitPoints(ds: Pick<DataSource, 'query'>, parts: number): Promise<string[]> {
  if (parts < 2) return [];
  const fractions = Array.from({ length: parts - 1 }, (_, i) => (i + 1) / parts);
  const [{ bounds }] = await ds.query(
    'SELECT percentile_disc($1::float8[]) WITHIN GROUP (ORDER BY user_id) AS bounds FROM rewards.users TABLESAMPLE SYSTEM (1)', [fractions]) as { bounds: string[] | null }[];
  // Ascending in the database's collation already (the order `user_id >` compares in).
  return bounds ? [...new Set(bounds)] : [];
}

/** The users with from < user_id <= to (to null: no end), batch after batch. */
async function recomputeRange(
  ds: Pick<DataSource, 'query'>, levels: LevelDefinition[], now: Date, batchSize: number, range: { from: string; to: string | null },
  onBatch: (rows: number, changes: LevelChange[]) => void,
): Promise<void> {
  let cursor = range.from;
  for (;;) {
    const rows = await ds.query(BATCH_STATS, [cursor, now, batchSize, range.to]) as BatchRow[];
    if (rows.length === 0) return;
    const next = rows.map((r) => qualifiedLevel(levels, r, r.days_in_month).type);
    await ds.query(WRITE_LEVELS, [rows.map((r) => r.user_id), next, rows.map((r) => r.period), now, rows[0].user_id, rows[rows.length - 1].user_id]);
    onBatch(rows.length, rows.flatMap((r, i) => (next[i] !== r.level ? [{ userId: r.user_id, level: next[i] }] : [])));
    cursor = rows[rows.length - 1].user_id;
  }
}

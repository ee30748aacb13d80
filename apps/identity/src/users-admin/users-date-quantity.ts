import type { Condition } from './users-filters.js';

/**
 * The users of a date_and_quantity filter as disjoint sets (`negated`: the filter keeps the users
 * NOT in them); each branch is `SELECT s.uid FROM ... WHERE ...`, so a count is a sum of counts.
 */
export interface SetCondition { branches: { sql: string; params: unknown[] }[]; negated: boolean }

export interface DateQuantity { from: string; to: string; low: number; high?: number }

const MAX = 2_147_483_647;

/**
 * `{ date_from, date_to, value_from, value_to }`: users whose sum of the metric over those days
 * lies within the values. Each (metric, user) has a span (first day, last day, total) next to its
 * days: a user whose whole span lies within the dates has the total as its sum, read from the
 * span index without summing anything; only users whose activity straddles a boundary of the
 * range have their days in the range summed. A sum of 0 is also the sum of users without any
 * activity, so `value_from: 0` is the complement of "sum above value_to".
 */
export function dateAndQuantity(metric: number, q: DateQuantity): Condition | null {
  if (q.low === 0 && q.high === undefined) return null; // every sum is >= 0
  if (q.high !== undefined && q.high < q.low) return { sql: 'false', params: [] };
  const negated = q.low === 0;
  const branches = negated ? sumWithin(metric, q.from, q.to, q.high! + 1, MAX) : sumWithin(metric, q.from, q.to, q.low, q.high ?? MAX);
  const union = { sql: branches.map((b) => b.sql).join(' UNION ALL '), params: branches.flatMap((b) => b.params) };
  return {
    sql: negated ? `NOT EXISTS (SELECT 1 FROM (${union.sql}) dq WHERE dq.uid = x.uid)` : `x.uid IN (${union.sql})`,
    params: union.params,
    set: { branches, negated },
    rowwise: rowwise(metric, q.from, q.to, q.low, q.high ?? MAX),
  };
}

/**
 * Users who began inside the dates (their total when they also ended inside, else their days up to
 * the end summed: one pass over the span index), and those who began before.
 */
function sumWithin(metric: number, from: string, to: string, low: number, high: number): { sql: string; params: unknown[] }[] {
  const sum = 'coalesce((SELECT sum(d.value) FROM identity.user_search_days d WHERE d.metric = s.metric AND d.uid = s.uid AND d.day BETWEEN ? AND ?), 0)';
  const spans = 'SELECT s.uid FROM identity.user_search_spans s WHERE s.metric = ?';
  // A range test reads the sum once (BETWEEN would compute it twice).
  const within = "int8range(?, ?, '[]')";
  return [
    { sql: `${spans} AND s.first_day >= ? AND s.first_day <= ? AND ${within} @> (CASE WHEN s.last_day <= ? THEN s.total ELSE ${sum} END)`, params: [metric, from, to, low, high, to, from, to] },
    { sql: `${spans} AND s.first_day < ? AND s.last_day >= ? AND ${within} @> ${sum}`, params: [metric, from, from, low, high, from, to] },
  ];
}

/** The same test for one user `x` (a sort index is walked and each user checked). */
function rowwise(metric: number, from: string, to: string, low: number, high: number): { sql: string; params: unknown[] } {
  return {
    sql: `coalesce((SELECT CASE WHEN s.first_day >= ? AND s.last_day <= ? THEN s.total WHEN s.first_day > ? OR s.last_day < ? THEN 0
        ELSE (SELECT coalesce(sum(d.value), 0) FROM identity.user_search_days d WHERE d.metric = s.metric AND d.uid = s.uid AND d.day BETWEEN ? AND ?) END
      FROM identity.user_search_spans s WHERE s.metric = ? AND s.uid = x.uid), 0) BETWEEN ? AND ?`,
    params: [from, to, to, from, from, to, metric, low, high],
  };
}

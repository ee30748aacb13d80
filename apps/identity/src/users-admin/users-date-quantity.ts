import type { Condition } from './users-filters.js';

/** The users of a date_and_quantity filter as a set (`negated`: the filter keeps the users NOT in it). */
export interface SetCondition { sql: string; params: unknown[]; negated: boolean }

export interface DateQuantity { from: string; to: string; low: number; high?: number }

const MAX = 2_147_483_647;

/**
 * `{ date_from, date_to, value_from, value_to }`: users whose sum of the metric over those days
 * lies within the values. Each (metric, user) has a span (first day, last day, total) next to its
 * days: a user whose whole span lies within the dates has the total as its sum, read from the
 * span index without summing anything; only users whose activity straddles a boundary of the
 * range have their days in the range summed (two passes over the span indexes: users who began
 * within the dates, users who began before). A sum of 0 is also the sum of users without any
 * activity, so `value_from: 0` is the complement of "sum above value_to".
 */
export function dateAndQuantity(metric: number, q: DateQuantity): Condition | null {
  if (q.low === 0 && q.high === undefined) return null; // every sum is >= 0
  if (q.high !== undefined && q.high < q.low) return { sql: 'false', params: [] };
  const negated = q.low === 0;
  const set = negated ? sumWithin(metric, q.from, q.to, q.high! + 1, MAX) : sumWithin(metric, q.from, q.to, q.low, q.high ?? MAX);
  return {
    sql: negated ? `NOT EXISTS (SELECT 1 FROM (${set.sql}) dq WHERE dq.uid = x.uid)` : `x.uid IN (${set.sql})`,
    params: set.params,
    set: { ...set, negated },
    rowwise: rowwise(metric, q.from, q.to, q.low, q.high ?? MAX),
  };
}

function sumWithin(metric: number, from: string, to: string, low: number, high: number): { sql: string; params: unknown[] } {
  const sum = 'coalesce((SELECT sum(d.value) FROM identity.user_search_days d WHERE d.metric = s.metric AND d.uid = s.uid AND d.day BETWEEN ? AND ?), 0)';
  // Users who began within the dates (their total, unless they went on past the end), then those who began before.
  return {
    sql: `SELECT s.uid FROM identity.user_search_spans s
        WHERE s.metric = ? AND s.first_day >= ? AND s.first_day <= ? AND (CASE WHEN s.last_day <= ? THEN s.total ELSE ${sum} END) BETWEEN ? AND ?
      UNION ALL SELECT s.uid FROM identity.user_search_spans s
        WHERE s.metric = ? AND s.first_day < ? AND s.last_day >= ? AND ${sum} BETWEEN ? AND ?`,
    params: [
      metric, from, to, to, from, to, low, high,
      metric, from, from, from, to, low, high,
    ],
  };
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

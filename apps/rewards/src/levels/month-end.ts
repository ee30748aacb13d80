import type { DataSource } from 'typeorm';
import type { LevelDefinition } from './level-types.js';
import { qualifiedLevel } from './level-rules.js';
import { MonthEndRepository } from './month-end.repository.js';

export interface MonthEndSummary { examined: number; changed: number }
export interface LevelChange { userId: string; level: string }
/** Where a run is: users recomputed of those due when it started, the rate so far and what is left at that rate. */
export interface MonthEndProgress { done: number; total: number; changed: number; elapsedSeconds: number; usersPerSecond: number; etaSeconds: number | null }

/**
 * Recomputes the level of every user whose local month has ended since the last run. Batches by
 * user id (one stats query and one update per batch, each batch its own transaction); the new
 * period is written with the level, so an interrupted run resumes where it stopped and a second
 * run changes nothing. `workers` ranges of user ids (split at a sample's quantiles) run at once:
 * the work is PostgreSQL's, and one backend uses one core. `onChanged` hears every level that
 * changed (statistics events), `onProgress` the start and every finished batch.
 */
export async function recomputeMonthEnd(
  source: MonthEndRepository | DataSource, levels: LevelDefinition[], now = new Date(), batchSize = 5000,
  onChanged?: (changes: LevelChange[]) => void, onProgress?: (progress: MonthEndProgress) => void, workers = 2,
): Promise<MonthEndSummary> {
  const repo = source instanceof MonthEndRepository ? source : new MonthEndRepository(source);
  const started = Date.now();
  const [total, bounds] = await Promise.all([repo.countDue(now), repo.splitPoints(workers)]);
  const summary: MonthEndSummary = { examined: 0, changed: 0 };
  const report = () => {
    const elapsedSeconds = (Date.now() - started) / 1000;
    const usersPerSecond = elapsedSeconds > 0 ? summary.examined / elapsedSeconds : 0;
    const left = Math.max(0, total - summary.examined);
    onProgress?.({ done: summary.examined, total, changed: summary.changed, elapsedSeconds, usersPerSecond, etaSeconds: usersPerSecond > 0 ? left / usersPerSecond : null });
  };
  report();
  const ranges = [undefined, ...bounds].map((lo, i) => ({ from: lo ?? '', to: bounds[i] ?? null }));
  await Promise.all(ranges.map((range) => recomputeRange(repo, levels, now, batchSize, range, (rows, changes) => {
    summary.examined += rows;
    summary.changed += changes.length;
    if (changes.length > 0) onChanged?.(changes);
    report();
  })));
  return summary;
}

/** The users with from < user_id <= to (to null: no end), batch after batch. */
async function recomputeRange(
  repo: MonthEndRepository, levels: LevelDefinition[], now: Date, batchSize: number, range: { from: string; to: string | null },
  onBatch: (rows: number, changes: LevelChange[]) => void,
): Promise<void> {
  let cursor = range.from;
  for (;;) {
    const rows = await repo.batch(cursor, now, batchSize, range.to);
    if (rows.length === 0) return;
    const next = rows.map((r) => qualifiedLevel(levels, r, r.days_in_month).type);
    await repo.writeLevels(rows.map((r) => r.user_id), next, rows.map((r) => r.period), now, rows[0].user_id, rows[rows.length - 1].user_id);
    onBatch(rows.length, rows.flatMap((r, i) => (next[i] !== r.level ? [{ userId: r.user_id, level: next[i] }] : [])));
    cursor = rows[rows.length - 1].user_id;
  }
}

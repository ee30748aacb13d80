import { USER_STATS_BATCH_MAX, USER_STATS_PARTS, type UserStatsEvent, type UserStatsPart, type UserStatsValues } from '#libs/contracts';
import type { SearchCheckRow, UserSearchCheckRepository } from './user-search-check.repository.js';
import { columnsOf, SCALARS, SERIES, type UserStatsService } from './user-stats.service.js';

export interface StatsDifference { userId: string; part: string; identity: unknown; owner: unknown }
export interface UserStatsCheckResult {
  users: number;
  differences: number;
  /** Differences written from the owner (with `fix`). */
  fixed: number;
  /** The first differences found. */
  sample: StatsDifference[];
}

const SAMPLE = 50;
/** The rewards snapshot of a batch of users (RewardsPattern.UserStatsBatch). */
export type StatsSource = (userIds: string[]) => Promise<UserStatsEvent[]>;

/**
 * Re-derives the users admin read model (identity.user_search) from its owners and reports what
 * differs: identity's own columns from users, devices and merged_accounts (and the derived
 * counter shards and spans), every rewards part from a fresh rewards snapshot. With `fix`,
 * identity's columns are recomputed and rewards' parts applied as versioned snapshots (a part
 * that a newer live event wrote meanwhile is left alone).
 */
export class UserStatsCheck {
  private result: UserStatsCheckResult = { users: 0, differences: 0, fixed: 0, sample: [] };

  constructor(private readonly search: UserSearchCheckRepository, private readonly rewards: StatsSource, private readonly stats: UserStatsService) {}

  /** `users`: only these users (the counter shards are checked in any case). */
  async run({ fix = false, batch = 500, users }: { fix?: boolean; batch?: number; users?: string[] } = {}): Promise<UserStatsCheckResult> {
    this.result = { users: 0, differences: 0, fixed: 0, sample: [] };
    await this.identityColumns(fix, users ?? null);
    await this.derived(fix, users ?? null);
    for (let after = 0; ;) {
      const rows = await this.search.rowsAfter(after, Math.min(batch, USER_STATS_BATCH_MAX), users ?? null);
      if (rows.length === 0) break;
      after = rows.at(-1)!.uid;
      this.result.users += rows.length;
      await this.rewardsParts(rows, fix);
    }
    return this.result;
  }

  private note(diff: StatsDifference, fixed: boolean): void {
    this.result.differences++;
    if (fixed) this.result.fixed++;
    if (this.result.sample.length < SAMPLE) this.result.sample.push(diff);
  }

  /** Users without a row, and rows whose profile columns, terms or masks differ from identity's tables. */
  private async identityColumns(fix: boolean, users: string[] | null): Promise<void> {
    const missing = await this.search.usersWithoutRow(users);
    for (const { id } of missing) {
      if (fix) await this.search.insertRowFor(id);
      this.note({ userId: id, part: 'profile', identity: null, owner: 'identity.users row' }, fix);
    }
    const differing = await this.search.differingProfiles(users);
    for (const row of differing) {
      if (fix) await this.search.rewriteProfile(row.user_id);
      // A row just inserted for a missing user is completed here, not counted twice.
      if (!missing.some((m) => m.id === row.user_id)) this.note({ userId: row.user_id, part: 'profile', identity: row.held, owner: row.owner }, fix);
    }
  }

  /** The counter shards against the rows, and every span against its days. */
  private async derived(fix: boolean, users: string[] | null): Promise<void> {
    const counts = await this.search.counts();
    if (counts.kept !== counts.rows) {
      if (fix) await this.search.recount();
      this.note({ userId: '*', part: 'count', identity: Number(counts.kept), owner: Number(counts.rows) }, fix);
    }
    const spans = await this.search.differingSpans(users);
    for (const span of spans) {
      if (fix) await this.search.rewriteSpan(span.metric, span.uid);
      this.note({ userId: `uid:${span.uid}`, part: `span:${span.metric}`, identity: span.held, owner: span.owner }, fix);
    }
  }

  private async rewardsParts(rows: Row[], fix: boolean): Promise<void> {
    const snapshots = new Map((await this.rewards(rows.map((r) => r.user_id))).map((s) => [s.userId, s]));
    const series = await this.seriesOf(rows.map((r) => r.uid));
    for (const row of rows) {
      const owner = snapshots.get(row.user_id);
      if (!owner) continue;
      const differing = USER_STATS_PARTS.filter((p) => owner.parts[p] !== undefined && !same(held(row, p, series.get(row.uid)), expected(p, owner.parts[p]!)));
      if (differing.length === 0) continue;
      const written = fix ? await this.stats.apply({ ...owner, parts: Object.fromEntries(differing.map((p) => [p, owner.parts[p]])) }) : [];
      for (const part of differing) {
        this.note({ userId: row.user_id, part, identity: held(row, part, series.get(row.uid)), owner: expected(part, owner.parts[part]!) }, written.includes(part));
      }
    }
  }

  private async seriesOf(uids: number[]): Promise<Map<number, Record<string, Record<string, number>>>> {
    const rows = await this.search.daysOf(uids);
    const out = new Map<number, Record<string, Record<string, number>>>();
    for (const r of rows) {
      const user = out.get(r.uid) ?? {};
      (user[r.metric] ??= {})[r.day] = r.value;
      out.set(r.uid, user);
    }
    return out;
  }
}

type Row = SearchCheckRow;

/** What identity holds of a part, in the shape the owner sends it. */
function held(row: Row, part: UserStatsPart, days: Record<string, Record<string, number>> | undefined): Record<string, unknown> {
  const scalars = SCALARS[part];
  if (scalars) return Object.fromEntries(Object.keys(scalars).map((c) => [c, normal(row[c])]));
  const metrics = SERIES[part]!;
  return {
    ...Object.fromEntries(metrics.map((m) => [m, days?.[m] ?? {}])),
    totals: Object.fromEntries(metrics.map((m) => [m, Number(row[m])])),
  };
}

function expected(part: UserStatsPart, value: UserStatsValues[UserStatsPart]): Record<string, unknown> {
  const v = value as Record<string, unknown>;
  const columns = columnsOf(part, v);
  if (SCALARS[part]) return Object.fromEntries(Object.entries(columns).map(([c, x]) => [c, normal(x)]));
  return { ...Object.fromEntries(SERIES[part]!.map((m) => [m, v[m] ?? {}])), totals: columns };
}

/** Coins as strings, numbers as numbers, times as epoch milliseconds. */
function normal(v: unknown): unknown {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) return Date.parse(v);
  return v;
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b) && a !== null && b !== null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

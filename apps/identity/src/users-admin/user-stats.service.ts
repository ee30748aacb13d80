import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  INVITATION_DAY_METRICS, REVIEW_DAY_METRICS, USER_STATS_EVENT_MAX, USER_STATS_PARTS, type UserStatsBatchEvent, type UserStatsEvent, type UserStatsPart,
} from '#libs/contracts';
import { Transactions } from '../database/transactions.js';
import { DAY_METRIC_CODES, LEVELS, WIDGET_STATS } from './user-stat-columns.js';
import { UserSearchRepository } from './user-search.repository.js';

type Check = (v: unknown) => boolean;
const count: Check = (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 2_147_483_647;
const coins: Check = (v) => typeof v === 'string' && /^\d{1,78}$/.test(v);
const float: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const time: Check = (v) => v === null || (typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v)));
const DAY = /^\d{4}-\d\d-\d\d$/;

/** The user_search columns of each scalar part and what their values must be. */
export const SCALARS: Partial<Record<UserStatsPart, Record<string, Check>>> = {
  coins: { total_balance: coins, account_balance: coins, total_uncollected_coins: coins, total_scans_with_uncollected_coins: count },
  scans: { total_scans: count, total_days_with_scans: count },
  cashouts: {
    total_cashout_transactions: count, total_cashout_value_shping: coins, total_linked_bank_accounts: count, total_cashout_value_usd: float,
    total_cashout_value_aud: float, total_cashout_value_sgd: float, total_cashout_value_rub: float,
    total_erc20_transactions: count, total_erc20_value_shping: coins, total_erc20_accounts: count,
  },
  buddies: { total_buddies: count },
  widgets: Object.fromEntries(WIDGET_STATS.map((c) => [c, count])),
  level: { level: (v) => LEVELS.includes(v as never) },
  ban: { rewards_ban_from: time, rewards_ban_to: time },
};
/** Day parts: complete per-day series of these metrics (user_search_days); their totals are columns too. */
export const SERIES: Partial<Record<UserStatsPart, readonly string[]>> = { reviews: REVIEW_DAY_METRICS, invitations: INVITATION_DAY_METRICS };

/**
 * Applies `user.stats` snapshots to the read model. Each part of user_search has its version
 * column (`v_<part>`): a part is written only when the event's version is higher, so redelivered
 * or overtaken snapshots change nothing. Malformed parts are dropped with a warning, never thrown
 * back (events have nobody to answer).
 */
@Injectable()
export class UserStatsService {
  private readonly logger = new Logger('UserStats');

  constructor(private readonly transactions: Transactions, private readonly search: UserSearchRepository) {}

  /**
   * One `user.stats` event: a batch (`{ users }`, as rewards sends them) or a single snapshot (as
   * older rewards replicas send them). A batch's snapshots are applied one by one, each by the
   * same newest-version-wins rule, so a redelivered, reordered or partly applied batch is harmless.
   */
  async applyEvent(raw: unknown): Promise<void> {
    const users = (raw as Partial<UserStatsBatchEvent> | null)?.users;
    if (!Array.isArray(users)) {
      await this.apply(raw);
      return;
    }
    if (users.length > USER_STATS_EVENT_MAX) this.logger.warn({ msg: 'user.stats batch cut', users: users.length, kept: USER_STATS_EVENT_MAX });
    for (const event of users.slice(0, USER_STATS_EVENT_MAX)) await this.apply(event);
  }

  /** Returns the parts it wrote (none: unknown user, stale or malformed). */
  async apply(raw: unknown): Promise<UserStatsPart[]> {
    const event = raw as UserStatsEvent;
    if (typeof event?.userId !== 'string' || typeof event.version !== 'string' || !/^\d{1,18}$/.test(event.version)) return [];
    const parts = USER_STATS_PARTS.filter((p) => event.parts?.[p] !== undefined);
    const valid = parts.filter((p) => validPart(p, event.parts[p]));
    if (valid.length < parts.length) this.logger.warn({ msg: 'user.stats parts ignored', userId: event.userId, parts: parts.filter((p) => !valid.includes(p)) });
    if (valid.length === 0) return [];
    return this.transactions.run((tx) => this.write(tx, event, valid));
  }

  private async write(tx: EntityManager, event: UserStatsEvent, parts: UserStatsPart[]): Promise<UserStatsPart[]> {
    const version = BigInt(event.version);
    const held = await this.search.lockVersions(tx, event.userId, parts);
    if (!held) return []; // unknown (or deleted) user
    const newer = parts.filter((p) => version > BigInt(held[`v_${p}`]));
    if (newer.length === 0) return [];
    const params: unknown[] = [held.uid, event.version];
    const set = (column: string, value: unknown) => { params.push(value); return `${column} = $${params.length}`; };
    const assignments = newer.flatMap((p) => [`v_${p} = $2`, ...Object.entries(columnsOf(p, event.parts[p] as Record<string, unknown>)).map(([c, v]) => set(c, v))]);
    await this.search.updateColumns(tx, assignments, params);
    for (const p of newer.filter((part) => SERIES[part])) await this.replaceSeries(tx, held.uid, SERIES[p]!, event.parts[p] as Record<string, Record<string, number>>);
    return newer;
  }

  /** The day rows of the part's metrics are replaced (a trigger keeps each metric's span). */
  private replaceSeries(tx: EntityManager, uid: number, metrics: readonly string[], values: Record<string, Record<string, number>>): Promise<void> {
    const rows = metrics.flatMap((metric) => Object.entries(values[metric] ?? {}).filter(([, n]) => n > 0).map(([day, n]) => [DAY_METRIC_CODES.get(metric)!, day, n] as const));
    return this.search.replaceDays(tx, uid, metrics.map((m) => DAY_METRIC_CODES.get(m)), rows);
  }
}

/** The user_search columns a part writes: its scalars, or the totals of its day series. */
export function columnsOf(part: UserStatsPart, value: Record<string, unknown>): Record<string, unknown> {
  const scalars = SCALARS[part];
  if (scalars) return Object.fromEntries(Object.keys(scalars).map((c) => [c, value[c]]));
  return Object.fromEntries(SERIES[part]!.map((metric) => [metric, Object.values(value[metric] as Record<string, number>).reduce((a, n) => a + n, 0)]));
}

function validPart(part: UserStatsPart, value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const scalars = SCALARS[part];
  if (scalars) return Object.entries(scalars).every(([column, check]) => check(v[column]));
  return SERIES[part]!.every((metric) => {
    const days = v[metric];
    return typeof days === 'object' && days !== null && !Array.isArray(days) && Object.keys(days).length <= 20_000
      && Object.entries(days).every(([day, n]) => DAY.test(day) && !Number.isNaN(Date.parse(day)) && count(n));
  });
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AccountLevelInfo, DashboardInfo, UserAccountSummary } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { iso } from '../common/iso.js';
import { RulesCatalog } from '../common/rules-catalog.service.js';
import { effectiveLevel, findUser, type UserRow } from '../common/users.js';
import { fillTemplate, levelProgress, monthWindow, percentages, scansLeft, targetLevel, todoTexts } from './level-rules.js';
import type { LevelDefinition, MonthStats, MonthWindow } from './level-types.js';

type Query = Pick<DataSource, 'query'>;

/**
 * What a user did inside a window: unique scanned codes, active local days, accepted reviews,
 * buddies. One statement: this runs on every GET /account.
 */
export async function monthStats(q: Query, userId: string, window: MonthWindow, timezoneMin: number): Promise<MonthStats> {
  const [row] = await q.query(
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
async function monthStatsOf(q: Query, users: { userId: string; window: MonthWindow; timezoneMin: number }[]): Promise<Map<string, MonthStats>> {
  const rows = await q.query(
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

interface LevelView {
  user: UserRow;
  levels: LevelDefinition[];
  current: LevelDefinition;
  target: LevelDefinition;
  window: MonthWindow;
  stats: MonthStats;
}

/** Strips the `{}` template of short_description for output. */
function shown(level: LevelDefinition, daysLeft: number): LevelDefinition {
  return { ...level, short_description: fillTemplate(level.short_description, daysLeft) };
}

@Injectable()
export class LevelsService {
  constructor(@Inject(DataSource) private readonly ds: DataSource, private readonly catalog: RulesCatalog) {}

  /** A user rewards has not heard of yet is a basic user with no activity. */
  private async view(userId: string, now = new Date()): Promise<LevelView> {
    const { levels } = await this.catalog.get();
    const found = await findUser(this.ds, userId);
    if (found?.deleted_at) throw DomainError.notFound('Unknown user', 'rewards.unknown_user');
    const user = found ?? newUser(userId);
    const window = monthWindow(now, user.timezone_min);
    return viewOf(levels, user, window, await monthStats(this.ds, userId, window, user.timezone_min), now);
  }

  /** What GET /account shows of rewards (level, dashboard, coins), and until when its texts hold. */
  async accountSummary(userId: string, version = Date.now()): Promise<UserAccountSummary> {
    const now = new Date(version);
    const [info, [balance]] = await Promise.all([
      this.accountLevelInfo(userId, now),
      this.ds.query('SELECT coins::text AS coins, pending_coins::text AS pending FROM rewards.balances WHERE user_id = $1', [userId]) as Promise<{ coins: string; pending: string }[]>,
    ]);
    return summaryOf(userId, version, info, balance);
  }

  /**
   * accountSummary of many users in two statements (users with balances, then month statistics),
   * for the summary feed; deleted users are left out. LATERAL look-ups with LIMIT 1 (not joins):
   * each user by index, never a scan of a whole table when the planner's estimates are off.
   */
  async accountSummaries(userIds: string[], version = Date.now()): Promise<UserAccountSummary[]> {
    if (userIds.length === 0) return [];
    const now = new Date(version);
    const { levels } = await this.catalog.get();
    const rows = await this.ds.query(
      `SELECT q.user_id AS asked_id, u.*, b.coins::text AS balance_coins, b.pending_coins::text AS balance_pending
       FROM unnest($1::text[]) AS q(user_id)
       LEFT JOIN LATERAL (SELECT * FROM rewards.users WHERE user_id = q.user_id LIMIT 1) u ON true
       LEFT JOIN LATERAL (SELECT coins, pending_coins FROM rewards.balances WHERE user_id = q.user_id LIMIT 1) b ON true`,
      [userIds]) as (UserRow & { asked_id: string; balance_coins: string | null; balance_pending: string | null })[];
    const live = rows.filter((r) => !r.deleted_at).map((r) => {
      const user = r.user_id ? r : newUser(r.asked_id);
      return { row: r, user, window: monthWindow(now, user.timezone_min) };
    });
    const stats = await monthStatsOf(this.ds, live.map(({ user, window }) => ({ userId: user.user_id, window, timezoneMin: user.timezone_min })));
    return live.map(({ row, user, window }) => {
      const info = levelInfoOf(viewOf(levels, user, window, stats.get(user.user_id)!, now), now);
      return summaryOf(user.user_id, version, info, row.balance_coins === null ? undefined : { coins: row.balance_coins, pending: row.balance_pending! });
    });
  }

  async accountLevelInfo(userId: string, now = new Date()): Promise<AccountLevelInfo & { validUntil: Date }> {
    return levelInfoOf(await this.view(userId, now), now);
  }

  /** GET /account/level: every level without its rules; the current one with progress and todo. */
  async mine(userId: string): Promise<Record<string, unknown>[]> {
    const v = await this.view(userId);
    const progress = levelProgress(v.target, v.stats, v.window.daysInMonth);
    return v.levels.map((level) => {
      const { activity: _a, earnings: _e, ...rest } = shown(level, v.window.daysLeft);
      const isCurrent = level.type === v.current.type;
      return {
        ...rest,
        current: isCurrent,
        ...(isCurrent ? {
          current_percentages: percentages(progress),
          max_percentages: 100,
          scans_left: scansLeft(progress),
          todo: todoTexts(v.target, progress, v.window.daysLeft),
        } : {}),
      };
    });
  }

  /** POST /user/level (sys-admin). */
  async userLevel(userId: string): Promise<Record<string, unknown>> {
    const v = await this.view(userId);
    const progress = levelProgress(v.target, v.stats, v.window.daysInMonth);
    return {
      current_description: shown(v.current, v.window.daysLeft),
      current_percentages: percentages(progress),
      description: v.levels.map((l) => shown(l, v.window.daysLeft)),
      max_percentages: 100,
      name: v.current.name,
      scans_left: scansLeft(progress),
      todo: todoTexts(v.target, progress, v.window.daysLeft),
      type: v.current.type,
    };
  }

  /** GET /account/earnings. */
  async earnings(userId: string): Promise<Record<string, unknown>> {
    const user = await findUser(this.ds, userId) ?? newUser(userId);
    const level = await this.catalog.level(effectiveLevel(user));
    return {
      level_logo: level.icon,
      level_name: level.name,
      level_name_i18n_id: level.name_i18n_id,
      level_type: level.type,
      list: level.earnings,
    };
  }
}

/** level_info and dashboard_info of a user's view, and until when its texts hold. */
function levelInfoOf(v: LevelView, now: Date): AccountLevelInfo & { validUntil: Date } {
  const progress = levelProgress(v.target, v.stats, v.window.daysInMonth);
  const percents = percentages(progress);
  const boosted = v.user.boost_level && v.user.boost_end && v.user.boost_end > now;
  let boost: DashboardInfo['boost'] = null;
  if (boosted) {
    const base = v.levels.find((l) => l.type === (v.user.boost_base_level ?? v.user.level)) ?? v.levels[0];
    const baseTarget = targetLevel(v.levels, base.type);
    boost = {
      base_level: base.type,
      base_level_activity: levelProgress(baseTarget, v.stats, v.window.daysInMonth).map(({ id, max_value, value }) => ({ id, max_value, value })),
      end_date: iso(v.user.boost_end)!,
    };
  }
  return {
    level_info: {
      current_percentages: percents,
      level_icon: v.current.icon,
      level_name: v.current.name,
      level_type: v.current.type,
      max_percentages: 100,
      short_description: fillTemplate(v.current.short_description, v.window.daysLeft),
    },
    dashboard_info: {
      activities: progress.map(({ id, max_value, value }) => ({ id, max_value, value })),
      boost,
      date_from: iso(v.window.from)!,
      date_to: iso(new Date(v.window.to.getTime() - 1000))!,
      level: v.current.type,
      level_next: v.target.type,
      percents,
      type: (boosted ? v.user.level_type || 'boosted' : v.user.level_type || 'earned') as DashboardInfo['type'],
    },
    validUntil: validUntil(v.window, now, boosted ? v.user.boost_end : null),
  };
}

function viewOf(levels: LevelDefinition[], user: UserRow, window: MonthWindow, stats: MonthStats, now: Date): LevelView {
  const current = levels.find((l) => l.type === effectiveLevel(user, now)) ?? levels[0];
  return { user, levels, current, target: targetLevel(levels, current.type), window, stats };
}

function summaryOf(userId: string, version: number, info: AccountLevelInfo & { validUntil: Date }, balance: { coins: string; pending: string } | undefined): UserAccountSummary {
  return { userId, version, coins: balance?.coins ?? '0', pendingCoins: balance?.pending ?? '0', validUntil: info.validUntil.toISOString(),
    level_info: info.level_info, dashboard_info: info.dashboard_info };
}

export function newUser(userId: string): UserRow {
  return {
    user_id: userId, level: 'basic', level_type: 'earned', previous_level: null, level_changed_at: null, level_period: null,
    boost_level: null, boost_base_level: null, boost_end: null, timezone_min: 0, registered_at: new Date(), last_scan_at: null,
    last_scan_id: null, first_name: null, last_name: null, photo: null,
  };
}

const DAY_MS = 86_400_000;

/** The texts change when a day of the local month passes ("updated in N days"), the month ends or a boost ends. */
function validUntil(window: MonthWindow, now: Date, boostEnd: Date | null): Date {
  const nextDay = new Date(window.to.getTime() - (window.daysLeft - 1) * DAY_MS);
  const until = nextDay > now ? nextDay : window.to;
  return boostEnd && boostEnd > now && boostEnd < until ? boostEnd : until;
}

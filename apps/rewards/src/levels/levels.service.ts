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
    const current = levels.find((l) => l.type === effectiveLevel(user, now)) ?? levels[0];
    const window = monthWindow(now, user.timezone_min);
    const stats = await monthStats(this.ds, userId, window, user.timezone_min);
    return { user, levels, current, target: targetLevel(levels, current.type), window, stats };
  }

  /** What GET /account shows of rewards (level, dashboard, coins), and until when its texts hold. */
  async accountSummary(userId: string, version = Date.now()): Promise<UserAccountSummary> {
    const now = new Date(version);
    const [info, [balance]] = await Promise.all([
      this.accountLevelInfo(userId, now),
      this.ds.query('SELECT coins::text AS coins, pending_coins::text AS pending FROM rewards.balances WHERE user_id = $1', [userId]) as Promise<{ coins: string; pending: string }[]>,
    ]);
    return { userId, version, coins: balance?.coins ?? '0', pendingCoins: balance?.pending ?? '0', validUntil: info.validUntil.toISOString(),
      level_info: info.level_info, dashboard_info: info.dashboard_info };
  }

  async accountLevelInfo(userId: string, now = new Date()): Promise<AccountLevelInfo & { validUntil: Date }> {
    const v = await this.view(userId, now);
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

import { Injectable } from '@nestjs/common';
import type { AccountLevelInfo, DashboardInfo, UserAccountSummary } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { RulesCatalog } from '../common/rules-catalog.service.js';
import { effectiveLevel, type UserRow, UsersRepository } from '../common/users.repository.js';
import { LedgerRepository } from '../ledger/ledger.repository.js';
import { LevelsRepository } from './levels.repository.js';
import { fillTemplate, levelProgress, monthWindow, percentages, scansLeft, targetLevel, todoTexts } from './level-rules.js';
import type { LevelDefinition, MonthStats, MonthWindow } from './level-types.js';
import { isoSeconds } from '#libs/contracts';

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
  constructor(
    private readonly repo: LevelsRepository, private readonly users: UsersRepository, private readonly ledger: LedgerRepository, private readonly catalog: RulesCatalog,
  ) {}

  /** A user rewards has not heard of yet is a basic user with no activity. */
  private async view(userId: string, now = new Date()): Promise<LevelView> {
    const { levels } = await this.catalog.get();
    const found = await this.users.find(undefined, userId);
    if (found?.deleted_at) throw DomainError.notFound('Unknown user', 'rewards.unknown_user');
    const user = found ?? newUser(userId);
    const window = monthWindow(now, user.timezone_min);
    return viewOf(levels, user, window, await this.repo.monthStats(userId, window, user.timezone_min), now);
  }

  /** What GET /account shows of rewards (level, dashboard, coins), and until when its texts hold. */
  async accountSummary(userId: string, version = Date.now()): Promise<UserAccountSummary> {
    const now = new Date(version);
    const [info, balance] = await Promise.all([this.accountLevelInfo(userId, now), this.ledger.balanceText(userId)]);
    return summaryOf(userId, version, info, balance);
  }

  /**
   * accountSummary of many users in two statements (users with balances, then month statistics),
   * for the summary feed; deleted users are left out.
   */
  async accountSummaries(userIds: string[], version = Date.now()): Promise<UserAccountSummary[]> {
    if (userIds.length === 0) return [];
    const now = new Date(version);
    const { levels } = await this.catalog.get();
    const rows = await this.repo.usersWithBalances(userIds);
    const live = rows.filter((r) => !r.deleted_at).map((r) => {
      const user = r.user_id ? r : newUser(r.asked_id);
      return { row: r, user, window: monthWindow(now, user.timezone_min) };
    });
    const stats = await this.repo.monthStatsOf(live.map(({ user, window }) => ({ userId: user.user_id, window, timezoneMin: user.timezone_min })));
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
    const user = await this.users.find(undefined, userId) ?? newUser(userId);
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
      end_date: isoSeconds(v.user.boost_end)!,
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
      date_from: isoSeconds(v.window.from)!,
      date_to: isoSeconds(new Date(v.window.to.getTime() - 1000))!,
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

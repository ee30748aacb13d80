import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '#libs/errors';
import { isoSeconds } from '../memberships/memberships.service.js';
import { CONSUMER_ROLES } from '../memberships/roles.js';
import { NotificationSettingsReader } from '../blocks/notification-settings.reader.js';
import { resolveTerms } from './users-filters.js';
import { listQueries, type Statement } from './users-query.js';
import {
  COIN_STATS, COMPUTED_STATS, DAILY_STATS, DEVICE_NAMES, FLOAT_STATS, INT_STATS, LINKED_FLAGS, REWARDS_BAN_ACTIVE,
} from './user-stat-columns.js';

export interface UsersPage { count: number; data: Record<string, unknown>[] }

/** With a date_and_quantity filter and more matches than this, the page walks the sort and tests each user. */
const ROWWISE_FROM = 2000;

/** Only these columns are ever read: no password hash, no codes or tokens can leak. */
const ROW_SELECT = `
  x.*, ${[...COMPUTED_STATS].map(([c, { sql }]) => `${sql} AS ${c}`).join(', ')}, ${REWARDS_BAN_ACTIVE} AS rewards_ban_active,
  u.birthdate, u.timezone_min, u.photo, u.post_code, u.address1, u.address2, u.job_title, u.phone_verified,
  mi.primary_user_id AS merge_into, mi.merge_started_at, mi.merge_ended_at`;
const ROW_FROM = `identity.user_search x JOIN identity.users u ON u.id = x.user_id
  LEFT JOIN identity.merged_accounts mi ON mi.secondary_user_id = x.user_id`;

/** `POST /users/get`: one profile by id, or a filtered, sorted page with the exact count. */
@Injectable()
export class UsersAdminService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly settings: NotificationSettingsReader,
  ) {}

  async list(body: Record<string, unknown>): Promise<UsersPage> {
    const { count, page, rowwisePage } = listQueries(body, await resolveTerms((sql, params) => this.dataSource.query(sql, params), body));
    let total: number;
    let uids: number[];
    if (rowwisePage) {
      // The count decides how the page is found: few matches are sorted, many are met walking the sort.
      total = await this.count(count);
      uids = total === 0 ? [] : await this.uids(total > ROWWISE_FROM ? rowwisePage : page);
    } else {
      [total, uids] = await Promise.all([this.count(count), this.uids(page)]);
    }
    if (uids.length === 0) return { count: total, data: [] };
    const rows: Record<string, unknown>[] = await this.dataSource.query(`SELECT ${ROW_SELECT} FROM ${ROW_FROM} WHERE x.uid = ANY($1)`, [uids]);
    const byUid = new Map(rows.map((r) => [r.uid as number, r]));
    return { count: total, data: uids.filter((uid) => byUid.has(uid)).map((uid) => listRow(byUid.get(uid)!)) };
  }

  private async count(statement: Statement): Promise<number> {
    const [{ count }] = await this.dataSource.query(statement.sql, statement.params) as { count: string | null }[];
    return Number(count ?? 0);
  }

  private async uids(statement: Statement): Promise<number[]> {
    return (await this.dataSource.query(statement.sql, statement.params) as { uid: number }[]).map((r) => r.uid);
  }

  /** Every key of the doc's profile example (null where we hold no value), and the admin's extras. */
  async profile(id: string): Promise<Record<string, unknown>> {
    const [row] = await this.dataSource.query(`SELECT ${ROW_SELECT}, u.reg_type AS service FROM ${ROW_FROM} WHERE x.user_id = $1`, [id]) as Record<string, unknown>[];
    if (!row) throw DomainError.notFound('User not found', 'identity.user.not_found');
    const memberships: { participant_id: string; roles: string[] }[] = await this.dataSource.query(
      `SELECT participant_id, roles FROM identity.memberships WHERE user_id = $1 ORDER BY last_access DESC NULLS LAST, created_at`, [id]);
    const { settings } = await this.settings.read(id);
    const timezoneMin = row.timezone_min as number | null;
    return {
      ...pick(row, ['address1', 'address2', 'birthdate', 'city']),
      age: null,
      buddies_chunk: null,
      coins: String(row.total_balance),
      ...pick(row, ['country']),
      created: isoSeconds(row.created_at as Date),
      ...pick(row, ['email', 'first_name', 'gender']),
      id,
      ...pick(row, ['language']),
      languages: null,
      last_access: row.last_access ? isoSeconds(row.last_access as Date) : null,
      ...pick(row, ['last_name', 'level']),
      pending_coins: String(row.total_uncollected_coins),
      pending_points: null,
      ...pick(row, ['phone']),
      phone_verified: row.phone_verified === true,
      ...pick(row, ['photo']),
      points: null,
      ...pick(row, ['post_code']),
      roles: memberships[0]?.roles ?? [...CONSUMER_ROLES],
      service: row.service,
      settings,
      stripe_customer: null,
      timeline: null,
      timezone: timezoneMin === null ? null : timezoneMin / 60,
      // Beyond the doc's example: what the admin list shows of the same user.
      ...pick(row, ['job_title', 'reg_type']),
      timezone_min: timezoneMin,
      participants: memberships.map((m) => ({ id: m.participant_id, roles: m.roles })),
      permanent_ban_status: row.blocked ? 'active' : 'inactive',
      merge_into: row.merge_into ?? null,
    };
  }
}

function listRow(r: Record<string, unknown>): Record<string, unknown> {
  const lastAccess = r.last_access as Date | null;
  const linked = r.linked as number;
  const devices = r.devices as number;
  return {
    id: r.user_id,
    ...pick(r, ['reg_type', 'email', 'phone', 'first_name', 'last_name', 'language', 'country', 'city', 'gender', 'birthdate', 'timezone_min', 'level', 'contributor_status']),
    created: isoSeconds(r.created_at as Date),
    last_access: lastAccess ? isoSeconds(lastAccess) : null,
    total_days_from_last_access: lastAccess ? Math.floor((Date.now() - lastAccess.getTime()) / 86_400_000) : null,
    permanent_ban_status: r.blocked ? 'active' : 'inactive',
    rewards_ban_status: r.rewards_ban_active ? 'active' : 'inactive',
    rewards_ban_from: r.rewards_ban_from ? isoSeconds(r.rewards_ban_from as Date) : null,
    rewards_ban_to: r.rewards_ban_to ? isoSeconds(r.rewards_ban_to as Date) : null,
    device: DEVICE_NAMES.filter(([bit]) => (devices & bit) !== 0).map(([, name]) => name),
    ...Object.fromEntries([...LINKED_FLAGS].map(([flag, { bit }]) => [flag, (linked & bit) !== 0 ? 1 : 0])),
    ...Object.fromEntries([...INT_STATS, ...DAILY_STATS, ...FLOAT_STATS, ...COMPUTED_STATS.keys()].map((c) => [c, Number(r[c])])),
    ...Object.fromEntries(COIN_STATS.map((c) => [c, String(r[c])])),
    merge_into: r.merge_into ?? null,
    merge_started_at: r.merge_started_at ? isoSeconds(r.merge_started_at as Date) : null,
    merge_ended_at: r.merge_ended_at ? isoSeconds(r.merge_ended_at as Date) : null,
  };
}

function pick(row: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
}

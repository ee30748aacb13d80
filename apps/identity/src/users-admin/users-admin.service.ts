import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { RedisClient } from '#libs/redis';
import { DataSource } from 'typeorm';
import { DomainError } from '#libs/errors';
import { isoSeconds } from '../memberships/memberships.service.js';
import { CONSUMER_ROLES } from '../memberships/roles.js';
import { NotificationSettingsReader } from '../blocks/notification-settings.reader.js';
import { listQueries } from './users-query.js';
import { REDIS } from '../redis/redis.module.js';
import { COIN_STATS, DAILY_STATS, FLOAT_STATS, INT_STATS, LINKED_FLAGS } from './user-stat-columns.js';

export interface UsersPage { count: number; data: Record<string, unknown>[] }

const COUNT_CACHE_SECONDS = 30;
const DEVICE_NAMES: Record<string, string> = { apns: 'ios', apns_sandbox: 'ios', gcm: 'android', baidu: 'baidu' };
const STAT_COLUMNS = [...INT_STATS, ...DAILY_STATS, ...FLOAT_STATS, ...COIN_STATS];

/** Only these columns are ever read: no password hash, no codes or tokens can leak. */
const ROW_SELECT = `
  u.id, u.reg_type, u.email, u.phone, u.first_name, u.last_name, u.language, u.country, u.city, u.gender, u.birthdate,
  u.photo, u.post_code, u.address1, u.address2, u.job_title, u.timezone_min, u.phone_verified, u.created_at, u.blocked_at,
  s.level, s.contributor_status, s.rewards_ban_status, s.rewards_ban_from, s.rewards_ban_to, s.last_access,
  ${STAT_COLUMNS.map((c) => `s.${c}`).join(', ')},
  (SELECT array_agg(DISTINCT d.type) FROM identity.devices d WHERE d.user_id = u.id) AS device_types,
  (SELECT array_agg(m.secondary_reg_type) FROM identity.merged_accounts m WHERE m.primary_user_id = u.id) AS linked_types,
  mi.primary_user_id AS merge_into, mi.merge_started_at, mi.merge_ended_at`;
const ROW_FROM = `identity.users u JOIN identity.user_stats s ON s.user_id = u.id
  LEFT JOIN identity.merged_accounts mi ON mi.secondary_user_id = u.id`;

/** `POST /users/get`: one profile by id, or a filtered, sorted page with the total count. */
@Injectable()
export class UsersAdminService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly settings: NotificationSettingsReader,
    @Inject(REDIS) private readonly redis: RedisClient,
  ) {}

  async list(body: Record<string, unknown>): Promise<UsersPage> {
    const { pageSql, countSql, params } = listQueries(body);
    const [ids, count] = await Promise.all([
      this.dataSource.query(pageSql, params) as Promise<{ id: string }[]>,
      this.count(countSql, params),
    ]);
    if (ids.length === 0) return { count, data: [] };
    const rows: Record<string, unknown>[] = await this.dataSource.query(`SELECT ${ROW_SELECT} FROM ${ROW_FROM} WHERE u.id = ANY($1)`, [ids.map((r) => r.id)]);
    const byId = new Map(rows.map((r) => [r.id as string, r]));
    return { count, data: ids.map(({ id }) => listRow(byId.get(id)!)) };
  }

  /**
   * Counting every match is the slow half of a big list; paging through the same filters reuses
   * the count for COUNT_CACHE_SECONDS (a count that is a few seconds old is fine for an admin list).
   */
  private async count(sql: string, params: unknown[]): Promise<number> {
    const key = `users-admin:count:${createHash('sha256').update(JSON.stringify([sql, params])).digest('base64url')}`;
    const cached = await this.redis.get(key).catch(() => null);
    if (cached !== null) return Number(cached);
    const [{ count }] = await this.dataSource.query(sql, params) as { count: string }[];
    await this.redis.set(key, count, 'EX', COUNT_CACHE_SECONDS).catch(() => undefined);
    return Number(count);
  }

  async profile(id: string): Promise<Record<string, unknown>> {
    const [row] = await this.dataSource.query(`SELECT ${ROW_SELECT} FROM ${ROW_FROM} WHERE u.id = $1`, [id]) as Record<string, unknown>[];
    if (!row) throw DomainError.notFound('User not found', 'identity.user.not_found');
    const memberships: { participant_id: string; roles: string[] }[] = await this.dataSource.query(
      `SELECT participant_id, roles FROM identity.memberships WHERE user_id = $1 ORDER BY last_access DESC NULLS LAST, created_at`, [id]);
    const { settings } = await this.settings.read(id);
    return {
      ...pick(row, ['id', 'email', 'phone', 'first_name', 'last_name', 'language', 'country', 'city', 'gender', 'birthdate', 'photo', 'post_code', 'address1', 'address2', 'job_title', 'timezone_min', 'reg_type']),
      service: row.reg_type,
      phone_verified: row.phone_verified === true,
      created: isoSeconds(row.created_at as Date),
      last_access: row.last_access ? isoSeconds(row.last_access as Date) : null,
      level: row.level,
      coins: String(row.total_balance),
      pending_coins: String(row.total_uncollected_coins),
      roles: memberships[0]?.roles ?? [...CONSUMER_ROLES],
      participants: memberships.map((m) => ({ id: m.participant_id, roles: m.roles })),
      settings,
      permanent_ban_status: row.blocked_at ? 'active' : 'inactive',
      merge_into: row.merge_into ?? null,
    };
  }
}

function listRow(r: Record<string, unknown>): Record<string, unknown> {
  const linked = new Set([r.reg_type as string, ...((r.linked_types as string[] | null) ?? [])]);
  const lastAccess = r.last_access as Date | null;
  return {
    ...pick(r, ['id', 'reg_type', 'email', 'phone', 'first_name', 'last_name', 'language', 'country', 'city', 'gender', 'birthdate', 'timezone_min', 'level', 'contributor_status', 'rewards_ban_status']),
    created: isoSeconds(r.created_at as Date),
    last_access: lastAccess ? isoSeconds(lastAccess) : null,
    total_days_from_last_access: lastAccess ? Math.floor((Date.now() - lastAccess.getTime()) / 86_400_000) : null,
    permanent_ban_status: r.blocked_at ? 'active' : 'inactive',
    rewards_ban_from: r.rewards_ban_from ? isoSeconds(r.rewards_ban_from as Date) : null,
    rewards_ban_to: r.rewards_ban_to ? isoSeconds(r.rewards_ban_to as Date) : null,
    device: [...new Set(((r.device_types as string[] | null) ?? []).map((t) => DEVICE_NAMES[t] ?? t))],
    ...Object.fromEntries(Object.entries(LINKED_FLAGS).map(([flag, type]) => [flag, linked.has(type) ? 1 : 0])),
    ...Object.fromEntries([...INT_STATS, ...DAILY_STATS, ...FLOAT_STATS].map((c) => [c, Number(r[c])])),
    ...Object.fromEntries(COIN_STATS.map((c) => [c, String(r[c])])),
    merge_into: r.merge_into ?? null,
    merge_started_at: r.merge_started_at ? isoSeconds(r.merge_started_at as Date) : null,
    merge_ended_at: r.merge_ended_at ? isoSeconds(r.merge_ended_at as Date) : null,
  };
}

function pick(row: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
}

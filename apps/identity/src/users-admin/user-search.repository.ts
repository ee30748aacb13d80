import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { TrigramField } from './frequent-trigrams.js';
import { resolveTerms, type Terms } from './users-filters.js';
import { pageRows, type Statement } from './users-query.js';
import { COMPUTED_STATS, REWARDS_BAN_ACTIVE } from './user-stat-columns.js';

/** Only these columns are ever read: no password hash, no codes or tokens can leak. */
const ROW_SELECT = `
  x.*, ${[...COMPUTED_STATS].map(([c, { sql }]) => `${sql} AS ${c}`).join(', ')}, ${REWARDS_BAN_ACTIVE} AS rewards_ban_active,
  u.birthdate, u.timezone_min, u.photo, u.post_code, u.address1, u.address2, u.job_title, u.phone_verified,
  mi.primary_user_id AS merge_into, mi.merge_started_at, mi.merge_ended_at`;
const ROW_JOINS = `JOIN identity.users u ON u.id = x.user_id LEFT JOIN identity.merged_accounts mi ON mi.secondary_user_id = x.user_id`;
const ROW_FROM = `identity.user_search x ${ROW_JOINS}`;

export type SearchRow = Record<string, unknown>;

/**
 * identity.user_search, the users admin read model (one row per user with its statistics, day
 * series in user_search_days). The list statements are built by users-query.ts / users-filters.ts
 * (pure, also EXPLAINed by bench/users-search.mjs); they run here.
 */
@Injectable()
export class UserSearchRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The term ids of the body's name and city filters (one statement per such filter). */
  resolveTerms(body: Record<string, unknown>): Promise<Terms> {
    return resolveTerms((sql, params) => this.dataSource.query(sql, params), body);
  }

  async count(statement: Statement): Promise<number> {
    const [{ count }] = await this.dataSource.query(statement.sql, statement.params) as { count: string | null }[];
    return Number(count ?? 0);
  }

  /** The page's rows in its order, in the page's own statement. */
  rows(page: Statement, order: string): Promise<SearchRow[]> {
    const { sql, params } = pageRows(page, order, ROW_SELECT, ROW_JOINS);
    return this.dataSource.query(sql, params);
  }

  async profileRow(userId: string): Promise<SearchRow | undefined> {
    const [row] = await this.dataSource.query(`SELECT ${ROW_SELECT}, u.reg_type AS service FROM ${ROW_FROM} WHERE x.user_id = $1`, [userId]) as SearchRow[];
    return row;
  }

  /** Which of `ids` the read model has, in its order. */
  async existing(ids: string[]): Promise<string[]> {
    const found = await this.dataSource.query('SELECT user_id FROM identity.user_search WHERE user_id = ANY($1)', [ids]) as { user_id: string }[];
    return found.map((r) => r.user_id);
  }

  /** About how many rows user_search holds (reltuples is -1 before the first ANALYZE: then its size in pages, ≥ 10 rows each). */
  async estimatedRows(): Promise<number> {
    const [{ rows }] = await this.dataSource.query(`SELECT greatest(reltuples, pg_relation_size(oid) / 8192 * 10, 1)::float8 AS rows
      FROM pg_class WHERE oid = 'identity.user_search'::regclass`) as { rows: number }[];
    return rows;
  }

  /** At most `limit` values of `field` (lower case) from about `percent` of the pages, taken at random. */
  async sampleValues(field: TrigramField, percent: number, limit: number): Promise<string[]> {
    const found = await this.dataSource.query(`SELECT lower(x.${field}) AS v FROM identity.user_search x TABLESAMPLE SYSTEM ($1::float4)
      WHERE x.${field} IS NOT NULL LIMIT $2`, [percent, limit]) as { v: string }[];
    return found.map((r) => r.v);
  }

  /** A sign-in: last_access only moves forward. */
  async recordAccess(userId: string, at: Date): Promise<void> {
    await this.dataSource.query('UPDATE identity.user_search SET last_access = greatest(last_access, $2) WHERE user_id = $1', [userId, at]);
  }

  /** The user's row locked FOR UPDATE, with its uid and the versions `v_<part>` of `parts`; undefined for an unknown user. */
  async lockVersions(m: EntityManager, userId: string, parts: readonly string[]): Promise<({ uid: number } & Record<string, string>) | undefined> {
    const [held] = await m.query(`SELECT uid, ${parts.map((p) => `v_${p}`).join(', ')} FROM identity.user_search WHERE user_id = $1 FOR UPDATE`,
      [userId]) as ({ uid: number } & Record<string, string>)[];
    return held;
  }

  /** `assignments` are `column = $n` over `params` ($1 is the uid). */
  async updateColumns(m: EntityManager, assignments: string[], params: unknown[]): Promise<void> {
    await m.query(`UPDATE identity.user_search SET ${assignments.join(', ')} WHERE uid = $1`, params);
  }

  /** The day rows of these metric codes are replaced by `rows` ([metric code, day, value]); a trigger keeps each metric's span. */
  async replaceDays(m: EntityManager, uid: number, metricCodes: unknown[], rows: readonly (readonly [number, string, number])[]): Promise<void> {
    await m.query('DELETE FROM identity.user_search_days WHERE uid = $1 AND metric = ANY($2)', [uid, metricCodes]);
    if (rows.length === 0) return;
    await m.query('INSERT INTO identity.user_search_days (metric, uid, day, value) SELECT m, $1, d, v FROM unnest($2::smallint[], $3::date[], $4::int[]) AS t(m, d, v)',
      [uid, rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])]);
  }
}

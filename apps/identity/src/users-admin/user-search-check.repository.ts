import type { DataSource } from 'typeorm';

export type SearchCheckRow = Record<string, unknown> & { uid: number; user_id: string };

/** Identity's columns of user_search and the values they must have, from identity's own tables. */
const PROFILE = ['created_at', 'reg_type', 'email', 'phone', 'first_name', 'last_name', 'language', 'country', 'city', 'gender',
  'first_name_term', 'last_name_term', 'city_term', 'blocked', 'devices', 'linked'];
const EXPECTED_PROFILE = `
  SELECT u.id AS user_id, u.created_at, u.reg_type, u.email, u.phone, u.first_name, u.last_name, u.language, u.country, u.city, u.gender,
    fn.id AS first_name_term, ln.id AS last_name_term, ct.id AS city_term, u.blocked_at IS NOT NULL AS blocked,
    coalesce(dm.mask, 0)::smallint AS devices, (identity.reg_type_bit(u.reg_type) | coalesce(lm.mask, 0))::smallint AS linked
  FROM identity.users u
  LEFT JOIN identity.search_terms fn ON fn.field = 'first_name' AND fn.value = u.first_name
  LEFT JOIN identity.search_terms ln ON ln.field = 'last_name' AND ln.value = u.last_name
  LEFT JOIN identity.search_terms ct ON ct.field = 'city' AND ct.value = u.city
  LEFT JOIN (SELECT d.user_id, bit_or(CASE d.type WHEN 'apns' THEN 1 WHEN 'apns_sandbox' THEN 1 WHEN 'gcm' THEN 2 WHEN 'baidu' THEN 4 ELSE 0 END) AS mask
    FROM identity.devices d GROUP BY d.user_id) dm ON dm.user_id = u.id
  LEFT JOIN (SELECT m.primary_user_id, bit_or(identity.reg_type_bit(m.secondary_reg_type)) AS mask
    FROM identity.merged_accounts m GROUP BY m.primary_user_id) lm ON lm.primary_user_id = u.id`;

/**
 * The statements of the read model check (check-user-stats.ts, an operator's command): the rows of
 * identity.user_search against what identity's own tables say they must hold, and their repair.
 */
export class UserSearchCheckRepository {
  constructor(private readonly ds: DataSource) {}

  rowsAfter(uid: number, limit: number, users: string[] | null): Promise<SearchCheckRow[]> {
    return this.ds.query(`SELECT * FROM identity.user_search WHERE uid > $1 AND ($3::text[] IS NULL OR user_id = ANY($3)) ORDER BY uid LIMIT $2`,
      [uid, limit, users]);
  }

  usersWithoutRow(users: string[] | null): Promise<{ id: string }[]> {
    return this.ds.query(`SELECT u.id FROM identity.users u
      WHERE ($1::text[] IS NULL OR u.id = ANY($1)) AND NOT EXISTS (SELECT 1 FROM identity.user_search x WHERE x.user_id = u.id)`, [users]);
  }

  async insertRowFor(userId: string): Promise<void> {
    await this.ds.query(`INSERT INTO identity.user_search (user_id, created_at, reg_type) SELECT id, created_at, reg_type FROM identity.users WHERE id = $1`, [userId]);
  }

  differingProfiles(users: string[] | null): Promise<{ user_id: string; owner: Record<string, unknown>; held: Record<string, unknown> }[]> {
    return this.ds.query(`
      SELECT x.user_id, to_jsonb(t.*) AS owner, jsonb_build_object(${PROFILE.map((c) => `'${c}', x.${c}`).join(', ')}) AS held
      FROM identity.user_search x JOIN (${EXPECTED_PROFILE}) t ON t.user_id = x.user_id
      WHERE ($1::text[] IS NULL OR x.user_id = ANY($1))
        AND (${PROFILE.map((c) => `x.${c}`).join(', ')}) IS DISTINCT FROM (${PROFILE.map((c) => `t.${c}`).join(', ')})`, [users]);
  }

  async rewriteProfile(userId: string): Promise<void> {
    await this.ds.query(`UPDATE identity.user_search x SET ${PROFILE.map((c) => `${c} = t.${c}`).join(', ')} FROM (${EXPECTED_PROFILE}) t WHERE t.user_id = x.user_id AND x.user_id = $1`, [userId]);
  }

  /** The counter shards' sum (`kept`) and the real row count. */
  async counts(): Promise<{ kept: string; rows: string }> {
    const [counts] = await this.ds.query(`SELECT (SELECT sum(n) FROM identity.user_search_count)::bigint AS kept, (SELECT count(*) FROM identity.user_search)::bigint AS rows`) as { kept: string; rows: string }[];
    return counts;
  }

  async recount(): Promise<void> {
    await this.ds.query(`UPDATE identity.user_search_count c SET n = coalesce((SELECT count(*) FROM identity.user_search x WHERE x.uid % 16 = c.shard), 0)`);
  }

  differingSpans(users: string[] | null): Promise<{ uid: number; metric: number; held: unknown; owner: unknown }[]> {
    return this.ds.query(`
      SELECT coalesce(s.uid, d.uid) AS uid, coalesce(s.metric, d.metric) AS metric, to_jsonb(s.*) - 'uid' - 'metric' AS held, to_jsonb(d.*) - 'uid' - 'metric' AS owner
      FROM identity.user_search_spans s
      FULL JOIN (SELECT metric, uid, min(day) AS first_day, max(day) AS last_day, sum(value)::int AS total FROM identity.user_search_days GROUP BY metric, uid) d
        ON d.metric = s.metric AND d.uid = s.uid
      WHERE (s.first_day, s.last_day, s.total) IS DISTINCT FROM (d.first_day, d.last_day, d.total)
        AND ($1::text[] IS NULL OR coalesce(s.uid, d.uid) IN (SELECT uid FROM identity.user_search WHERE user_id = ANY($1)))`, [users]);
  }

  async rewriteSpan(metric: number, uid: number): Promise<void> {
    await this.ds.query('DELETE FROM identity.user_search_spans WHERE metric = $1 AND uid = $2', [metric, uid]);
    await this.ds.query(`INSERT INTO identity.user_search_spans (metric, uid, first_day, last_day, total)
      SELECT metric, uid, min(day), max(day), sum(value) FROM identity.user_search_days WHERE metric = $1 AND uid = $2 GROUP BY metric, uid`, [metric, uid]);
  }

  daysOf(uids: number[]): Promise<{ uid: number; metric: string; day: string; value: number }[]> {
    return this.ds.query(`SELECT d.uid, m.name AS metric, to_char(d.day, 'YYYY-MM-DD') AS day, d.value
      FROM identity.user_search_days d JOIN identity.day_metrics m ON m.id = d.metric WHERE d.uid = ANY($1)`, [uids]);
  }
}

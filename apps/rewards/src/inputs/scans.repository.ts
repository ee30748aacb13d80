import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { pgPool } from '#libs/database';
import { type Range, rangeSql } from '../admin/range.js';
import { SqlRepository } from '../common/sql-repository.js';

/**
 * Scans as ONE statement (atomic, one round trip), one row per scan of the input, at most one
 * scan per user and per idempotency key (the batcher guarantees it), so every row of users and
 * balances is written once per statement. It claims each idempotency key; upserts and locks the
 * user row, moving last scan and scan count and returning the previous last scan (PostgreSQL 18
 * `old`); decides bans (running ban, or the scan_interval rule) and the price at the effective
 * level; writes ban, scan, claims, ledger entries, balance and timeline, the stored record and
 * the timeline entry built here from the scan's fields. Rows whose key was processed before are
 * absent from the answer. A deleted user fails the whole statement. Data-modifying CTEs cannot
 * see each other's rows, so each table is written once.
 */
const BATCH_STATEMENT = `
  WITH j AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS j(idx int, key text, user_id text, scan_id text, code text, product_id text,
      product_name text, image_url text, ts timestamptz, extra jsonb, timeline_id uuid, digest text)
      CROSS JOIN LATERAL (SELECT to_char(j.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS iso) t
  ), i AS (
    SELECT j.idx, j.key, j.user_id, j.scan_id::uuid AS scan_id, j.code, j.product_id, j.product_name, j.image_url, j.ts, j.timeline_id, j.digest,
      coalesce(j.extra, '{}') || jsonb_build_object('code', j.code, 'event_ts', j.iso, 'id', j.scan_id, 'product_id', j.product_id,
        'product_name', j.product_name, 'image_url', j.image_url, 'result_type', 'normal', 'user_id', j.user_id) AS record,
      jsonb_build_object('image_url', j.image_url, 'product_name', j.product_name, 'scan_id', j.scan_id, 'text', coalesce(j.product_name, j.code),
        'ts', j.iso, 'type', 'scan') AS timeline
    FROM j
  ), k AS (
    INSERT INTO rewards.processed_inputs (idempotency_key, kind, result, body_digest)
    SELECT i.key, 'scan', jsonb_build_object('scan_id', i.scan_id::text), decode(i.digest, 'hex') FROM i
    ON CONFLICT DO NOTHING RETURNING idempotency_key
  ), u AS (
    INSERT INTO rewards.users AS x (user_id, last_scan_at, last_scan_id, scans_count)
    SELECT i.user_id, i.ts, i.scan_id, 1 FROM i JOIN k ON k.idempotency_key = i.key ORDER BY i.user_id
    ON CONFLICT (user_id) DO UPDATE SET last_scan_at = EXCLUDED.last_scan_at, last_scan_id = EXCLUDED.last_scan_id, scans_count = x.scans_count + 1
    RETURNING new.user_id, new.scans_count, new.level, new.boost_level, new.boost_end, new.deleted_at, old.last_scan_at AS prev_at, old.last_scan_id AS prev_id
  ), s AS (
    SELECT i.*, u.scans_count, u.prev_id, rewards.require_live_user(u.deleted_at) AS live,
      EXISTS (SELECT 1 FROM rewards.bans b WHERE b.user_id = i.user_id AND b.unset_at IS NULL AND b.from_ts <= now() AND b.to_ts > now()) AS ban_running,
      coalesce(u.prev_id IS NOT NULL AND $2::int > 0 AND abs(extract(epoch FROM (i.ts - u.prev_at))) * 1000 < $2::int, false) AS interval_hit,
      CASE WHEN u.boost_level IS NOT NULL AND u.boost_end > now() THEN u.boost_level ELSE u.level END AS eff
    FROM i JOIN u ON u.user_id = i.user_id
  ), st AS (
    SELECT s.*, (s.ban_running OR s.interval_hit) AS banned, (NOT s.ban_running AND s.interval_hit) AS new_ban,
      coalesce(lv.type, ($5::text[])[1]) AS level_type, coalesce(lv.base, ($6::numeric[])[1]) AS base, coalesce(lv.rate, ($7::int[])[1]) AS user_rate
    FROM s LEFT JOIN unnest($5::text[], $6::numeric[], $7::int[]) AS lv(type, base, rate) ON lv.type = s.eff
    WHERE s.live
  ), c AS (
    SELECT cc.id, cc.campaign_id, st.base * cc.rate AS coins, cc.rate, cc.ord, st.idx, st.user_id, st.scan_id, st.level_type, st.user_rate, st.ts
    FROM jsonb_to_recordset($8::jsonb) AS cc(idx int, id uuid, campaign_id text, rate int, ord int)
    JOIN st ON st.idx = cc.idx WHERE NOT st.banned
  ), ban AS (
    INSERT INTO rewards.bans (user_id, rule_id, reason, from_ts, to_ts, data)
    SELECT st.user_id, 'scan_interval', $3, now(), now() + make_interval(secs => $4::int), jsonb_build_object('scans', jsonb_build_array(st.prev_id, st.scan_id))
    FROM st WHERE st.new_ban
  ), scan AS (
    INSERT INTO rewards.scans (id, user_id, code, product_id, product_name, image_url, event_ts, record)
    SELECT st.scan_id, st.user_id, st.code, st.product_id, st.product_name, st.image_url, st.ts, st.record FROM st
  ), claims AS (
    INSERT INTO rewards.claims (id, user_id, campaign_id, scan_id, event, status, coins, level, coin_rate, user_coin_rate, ts)
    SELECT c.id, c.user_id, c.campaign_id, c.scan_id, 'scan', 'pending', c.coins, c.level_type, c.rate, c.user_rate, c.ts FROM c
  ), ledger AS (
    INSERT INTO rewards.ledger_entries (user_id, kind, pending_delta, ref)
    SELECT c.user_id, 'claim_pending', c.coins, c.id::text FROM c WHERE c.coins > 0 ORDER BY c.ord
  ), bal AS (
    INSERT INTO rewards.balances AS b (user_id, pending_coins) SELECT c.user_id, sum(c.coins) FROM c WHERE c.coins > 0 GROUP BY c.user_id
    ON CONFLICT (user_id) DO UPDATE SET pending_coins = b.pending_coins + EXCLUDED.pending_coins
    RETURNING b.user_id, b.coins, b.pending_coins
  ), per_scan AS (
    SELECT c.idx, sum(c.coins) AS earned,
      jsonb_agg(jsonb_build_object('id', c.id, 'campaign_id', c.campaign_id, 'coins', c.coins::text) ORDER BY c.ord) AS claims
    FROM c GROUP BY c.idx
  ), res AS (
    SELECT st.*, coalesce(ps.earned, 0) AS earned, coalesce(ps.claims, '[]') AS claims
    FROM st LEFT JOIN per_scan ps ON ps.idx = st.idx
  ), tl AS (
    INSERT INTO rewards.timeline (id, user_id, record, ts)
    SELECT res.timeline_id, res.user_id, res.timeline || jsonb_build_object(
      'coins', CASE WHEN res.earned = 0 THEN to_jsonb(0) ELSE to_jsonb(res.earned::text) END,
      'earned_coins', CASE WHEN res.earned = 0 THEN to_jsonb(0) ELSE to_jsonb(res.earned::text) END,
      'max_coins', res.base::text), res.ts
    FROM res ORDER BY res.idx
  )
  SELECT res.idx::int, res.banned, res.claims, res.scans_count,
    coalesce(bal.coins, ob.coins, 0)::text AS coins, coalesce(bal.pending_coins, ob.pending_coins, 0)::text AS pending_coins
  FROM res LEFT JOIN bal ON bal.user_id = res.user_id
    LEFT JOIN LATERAL (SELECT coins, pending_coins FROM rewards.balances WHERE user_id = res.user_id) ob ON bal.user_id IS NULL`;

export interface ScanBatchRow { idx: number; banned: boolean; claims: { id: string; campaign_id: string; coins: string }[]; scans_count: number; coins: string; pending_coins: string }
export interface StoredScan { id: string; record: Record<string, unknown>; image_url: string | null; product_name: string | null }

/**
 * rewards.scans, and everything a scan writes with it (key, user counters, ban, claims, ledger,
 * balance, timeline) as one statement. The hot path: the statements go through the pg pool under
 * TypeORM, named (each pooled connection parses and plans them once).
 */
@Injectable()
export class ScansRepository extends SqlRepository {
  private pool?: Pool;

  private get pg(): Pool {
    return this.pool ??= pgPool(this.ds);
  }

  /** BATCH_STATEMENT with its 8 parameters: one row per scan whose key was new. */
  async ingestBatch(values: unknown[]): Promise<ScanBatchRow[]> {
    return (await this.pg.query({ name: 'rewards.scan-batch', text: BATCH_STATEMENT, values })).rows as ScanBatchRow[];
  }

  /** What the scan of idempotency key `key` wrote: its scan id, body digest and claims (found by the scan's user and time, indexed). */
  async firstAnswer(key: string): Promise<{ scan_id: string; claims: unknown[]; body_digest: Buffer | null }[]> {
    return (await this.pg.query(
      `SELECT p.result->>'scan_id' AS scan_id, p.body_digest,
         coalesce((SELECT jsonb_agg(jsonb_build_object('id', c.id, 'campaign_id', c.campaign_id, 'coins', c.coins::text))
                   FROM rewards.scans s JOIN rewards.claims c ON c.user_id = s.user_id AND c.ts = s.event_ts AND c.scan_id = s.id
                   WHERE s.id = (p.result->>'scan_id')::uuid), '[]') AS claims
       FROM rewards.processed_inputs p WHERE p.idempotency_key = $1`, [key])).rows as { scan_id: string; claims: unknown[]; body_digest: Buffer | null }[];
  }

  async findOfUser(userId: string, scanId: string): Promise<StoredScan | undefined> {
    const rows = await this.ds.query('SELECT id, record, image_url, product_name FROM rewards.scans WHERE user_id = $1 AND id = $2', [userId, scanId]) as StoredScan[];
    return rows[0];
  }

  /** One page of the user's scans within the range, and how many there are in all. */
  async page(userId: string, r: Range): Promise<{ count: number; rows: StoredScan[] }> {
    const params: unknown[] = [userId];
    const where = `user_id = $1${rangeSql(r, 'event_ts', params)}`;
    const count = (await this.ds.query(`SELECT count(*)::int AS n FROM rewards.scans WHERE ${where}`, params) as { n: number }[])[0].n;
    const rows = await this.ds.query(
      `SELECT id, record, image_url, product_name FROM rewards.scans WHERE ${where} ORDER BY event_ts ${r.order}, id LIMIT ${r.limit} OFFSET ${r.offset}`, params,
    ) as StoredScan[];
    return { count, rows };
  }
}

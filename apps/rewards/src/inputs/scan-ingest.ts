import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { InputResult } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { iso } from '../common/iso.js';
import type { Campaign, ScanIntervalRule } from '../common/rules-catalog.service.js';
import type { LevelDefinition } from '../levels/level-types.js';
import type { ScanInputDto } from './input.dto.js';
import { scanDigest, keyReused, otherBody } from './body-digest.js';

export const SYSTEM_CAMPAIGN = 'urn:authenticateit:campaign:1';

/** What the scan wrote, for the statistics event. */
export interface ScanStats { total_scans: number; total_balance: string; total_uncollected_coins: string }

/** The pg pool under TypeORM: the scan is the hot path, so it skips the ORM's query layer. */

/**
 * The whole scan as ONE statement (atomic on its own, one round trip): claims the idempotency
 * key; upserts and locks the user row, moving last scan and scan count and returning the previous
 * last scan (PostgreSQL 18 `old`); decides bans (running ban, or the scan_interval rule) and the
 * price at the effective level; writes ban, scan, claims, ledger entries, balance and timeline.
 * No row back: the key was processed before. Data-modifying CTEs cannot see each other's rows,
 * so each table is written once.
 */
const SCAN_STATEMENT = `
  WITH k AS (
    INSERT INTO rewards.processed_inputs (idempotency_key, kind, result, body_digest) VALUES ($1, 'scan', jsonb_build_object('scan_id', $3::uuid::text), $21)
    ON CONFLICT DO NOTHING RETURNING 1
  ), u AS (
    INSERT INTO rewards.users AS x (user_id, last_scan_at, last_scan_id, scans_count) SELECT $2, $8, $3, 1 FROM k
    ON CONFLICT (user_id) DO UPDATE SET last_scan_at = EXCLUDED.last_scan_at, last_scan_id = EXCLUDED.last_scan_id, scans_count = x.scans_count + 1
    RETURNING new.scans_count, new.level, new.boost_level, new.boost_end, new.deleted_at, old.last_scan_at AS prev_at, old.last_scan_id AS prev_id
  ), s AS (
    SELECT u.*, rewards.require_live_user(u.deleted_at) AS live,
      EXISTS (SELECT 1 FROM rewards.bans b WHERE b.user_id = $2 AND b.unset_at IS NULL AND b.from_ts <= now() AND b.to_ts > now()) AS ban_running,
      coalesce(u.prev_id IS NOT NULL AND $12::int > 0 AND abs(extract(epoch FROM ($8::timestamptz - u.prev_at))) * 1000 < $12::int, false) AS interval_hit,
      CASE WHEN u.boost_level IS NOT NULL AND u.boost_end > now() THEN u.boost_level ELSE u.level END AS eff
    FROM u
  ), st AS (
    SELECT s.*, (s.ban_running OR s.interval_hit) AS banned, (NOT s.ban_running AND s.interval_hit) AS new_ban,
      coalesce(lv.type, ($15::text[])[1]) AS level_type, coalesce(lv.base, ($16::numeric[])[1]) AS base, coalesce(lv.rate, ($17::int[])[1]) AS user_rate
    FROM s LEFT JOIN unnest($15::text[], $16::numeric[], $17::int[]) AS lv(type, base, rate) ON lv.type = s.eff
    WHERE s.live
  ), c AS (
    SELECT cc.id, cc.campaign_id, st.base * cc.rate AS coins, cc.rate, cc.ord
    FROM st, unnest($18::uuid[], $19::text[], $20::int[]) WITH ORDINALITY AS cc(id, campaign_id, rate, ord) WHERE NOT st.banned
  ), ban AS (
    INSERT INTO rewards.bans (user_id, rule_id, reason, from_ts, to_ts, data)
    SELECT $2, 'scan_interval', $13, now(), now() + make_interval(secs => $14::int), jsonb_build_object('scans', jsonb_build_array(st.prev_id, $3::uuid))
    FROM st WHERE st.new_ban
  ), scan AS (
    INSERT INTO rewards.scans (id, user_id, code, product_id, product_name, image_url, event_ts, record)
    SELECT $3, $2, $4, $5, $6, $7, $8, $9 FROM st
  ), claims AS (
    INSERT INTO rewards.claims (id, user_id, campaign_id, scan_id, event, status, coins, level, coin_rate, user_coin_rate, ts)
    SELECT c.id, $2, c.campaign_id, $3, 'scan', 'pending', c.coins, st.level_type, c.rate, st.user_rate, $8 FROM c, st
  ), ledger AS (
    INSERT INTO rewards.ledger_entries (user_id, kind, pending_delta, ref) SELECT $2, 'claim_pending', c.coins, c.id::text FROM c WHERE c.coins > 0
  ), bal AS (
    INSERT INTO rewards.balances AS b (user_id, pending_coins) SELECT $2, sum(c.coins) FROM c WHERE c.coins > 0 HAVING count(*) > 0
    ON CONFLICT (user_id) DO UPDATE SET pending_coins = b.pending_coins + EXCLUDED.pending_coins
    RETURNING b.coins, b.pending_coins
  ), res AS (
    SELECT st.*, coalesce((SELECT sum(c.coins) FROM c), 0) AS earned,
      coalesce((SELECT jsonb_agg(jsonb_build_object('id', c.id, 'campaign_id', c.campaign_id, 'coins', c.coins::text) ORDER BY c.ord) FROM c), '[]') AS claims
    FROM st
  ), tl AS (
    INSERT INTO rewards.timeline (id, user_id, record, ts)
    SELECT $11, $2, $10::jsonb || jsonb_build_object(
      'coins', CASE WHEN res.earned = 0 THEN to_jsonb(0) ELSE to_jsonb(res.earned::text) END,
      'earned_coins', CASE WHEN res.earned = 0 THEN to_jsonb(0) ELSE to_jsonb(res.earned::text) END,
      'max_coins', res.base::text), $8
    FROM res
  )
  SELECT res.banned, res.claims, res.scans_count,
    coalesce((SELECT coins FROM bal), (SELECT coins FROM rewards.balances WHERE user_id = $2), 0)::text AS coins,
    coalesce((SELECT pending_coins FROM bal), (SELECT pending_coins FROM rewards.balances WHERE user_id = $2), 0)::text AS pending_coins
  FROM res`;

export interface ScanCatalog { levels: LevelDefinition[]; campaigns: Map<string, Campaign>; scanInterval: ScanIntervalRule | undefined }

interface ScanRow { banned: boolean; claims: { id: string; campaign_id: string; coins: string }[]; scans_count: number; coins: string; pending_coins: string }

/** Ingests one scan (see SCAN_STATEMENT); a redelivered key answers the first result with duplicate: true. */
export async function ingestScan(pool: Pool, catalog: ScanCatalog, dto: ScanInputDto): Promise<{ result: InputResult; stats?: ScanStats }> {
  const { levels, campaigns, scanInterval } = catalog;
  const scanId = dto.scan_id ?? randomUUID();
  const ts = dto.event_ts ? new Date(dto.event_ts) : new Date();
  const chosen = [...new Set([SYSTEM_CAMPAIGN, ...(dto.campaigns ?? [])])].map((id) => campaigns.get(id)).filter((c): c is Campaign => !!c);
  const record = scanRecord(dto, scanId, ts);
  const digest = scanDigest(dto);
  const timeline = {
    image_url: dto.image_url ?? null, product_name: dto.product_name ?? null, scan_id: scanId, text: dto.product_name ?? dto.code, ts: iso(ts), type: 'scan',
  };
  let row: ScanRow | undefined;
  try {
    // Named: each pooled connection parses and plans the statement once.
    row = (await pool.query({ name: 'rewards.scan', text: SCAN_STATEMENT, values: [
      dto.idempotency_key, dto.user_id, scanId, dto.code, record.product_id, dto.product_name ?? null, dto.image_url ?? null, ts,
      JSON.stringify(record), JSON.stringify(timeline), randomUUID(),
      scanInterval?.min_interval_ms ?? 0, scanInterval?.reason ?? '', scanInterval?.ban_seconds ?? 0,
      levels.map((l) => l.type), levels.map((l) => l.earnings.find((e) => e.type === 'scanning_products')?.coins ?? '0'), levels.map((l) => l.coin_rate),
      chosen.map(() => randomUUID()), chosen.map((c) => c.id), chosen.map((c) => c.coin_rate), digest,
    ] })).rows[0] as ScanRow | undefined;
  } catch (error) {
    if ((error as { code?: string }).code === 'P0404') throw DomainError.notFound('Unknown user', 'rewards.unknown_user');
    throw error;
  }
  if (!row) return { result: await previousResult(pool, dto.idempotency_key, digest) };
  return {
    result: { scan_id: scanId, banned: row.banned, claims: row.claims, duplicate: false },
    stats: { total_scans: row.scans_count, total_balance: row.coins, total_uncollected_coins: row.pending_coins },
  };
}

/** The first answer, rebuilt from what the scan wrote. */
async function previousResult(pool: Pool, key: string, digest: Buffer): Promise<InputResult> {
  const rows = (await pool.query(
    `SELECT p.result->>'scan_id' AS scan_id, p.body_digest,
       coalesce((SELECT jsonb_agg(jsonb_build_object('id', c.id, 'campaign_id', c.campaign_id, 'coins', c.coins::text))
                 FROM rewards.claims c WHERE c.scan_id = (p.result->>'scan_id')::uuid), '[]') AS claims
     FROM rewards.processed_inputs p WHERE p.idempotency_key = $1`, [key])).rows as { scan_id: string; claims: unknown[]; body_digest: Buffer | null }[];
  if (otherBody(rows[0]?.body_digest, digest)) throw keyReused();
  if (!rows[0]?.scan_id) return { duplicate: true };
  return { scan_id: rows[0].scan_id, banned: rows[0].claims.length === 0, claims: rows[0].claims, duplicate: true };
}

/** Forwarded headers that carry credentials: never stored with a scan. */
const SECRET_HEADER = /ticket|authorization|cookie|api[-_]?key|password|secret|token/i;

/** The stored scan record: the doc's scan fields plus the request headers as sent, credentials left out. */
export function scanRecord(dto: ScanInputDto, scanId: string, ts: Date): Record<string, unknown> & { product_id: string } {
  const location = Object.fromEntries(
    (['accuracy', 'city', 'country', 'language', 'latitude', 'longitude'] as const).filter((k) => dto[k] !== undefined).map((k) => [k, dto[k]]),
  );
  return {
    ...Object.fromEntries(Object.entries(dto.headers ?? {}).filter(([name]) => !SECRET_HEADER.test(name))),
    ...location,
    code: dto.code,
    event_ts: iso(ts),
    id: scanId,
    product_id: dto.product_id ?? dto.code.padStart(14, '0'),
    product_name: dto.product_name ?? null,
    image_url: dto.image_url ?? null,
    result_type: 'normal',
    user_id: dto.user_id,
  };
}

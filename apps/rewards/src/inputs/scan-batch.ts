import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { InputResult } from '#libs/contracts';
import { iso } from '../common/iso.js';
import type { Campaign } from '../common/rules-catalog.service.js';
import type { ScanInputDto } from './input.dto.js';
import { scanDigest } from './body-digest.js';
import { ingestScan, type ScanCatalog, scanRecord, type ScanStats, SYSTEM_CAMPAIGN } from './scan-ingest.js';

/**
 * SCAN_STATEMENT (scan-ingest.ts) for many scans at once: one row per scan in the input arrays,
 * at most one scan per user and per idempotency key (the batcher guarantees it), so every row
 * of users / balances is written once per statement. Rows whose key was processed before are
 * absent from the answer. A deleted user fails the whole statement: the batcher then replays
 * each scan alone.
 */
const BATCH_STATEMENT = `
  WITH i AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(idx int, key text, user_id text, scan_id uuid, code text, product_id text,
      product_name text, image_url text, ts timestamptz, record jsonb, timeline jsonb, timeline_id uuid, digest text)
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
  FROM res LEFT JOIN bal ON bal.user_id = res.user_id LEFT JOIN rewards.balances ob ON ob.user_id = res.user_id`;

interface Pending { dto: ScanInputDto; resolve: (v: { result: InputResult; stats?: ScanStats }) => void; reject: (e: unknown) => void }
interface BatchRow { idx: number; banned: boolean; claims: { id: string; campaign_id: string; coins: string }[]; scans_count: number; coins: string; pending_coins: string }

/**
 * Groups the scans that arrive together (the transport hands the service up to `concurrency`
 * messages at once) into one statement per batch: one round trip and one commit for many scans.
 * Scans of a user already in the batch, or with a repeated key, wait for the next batch.
 */
export class ScanBatcher {
  private queue: Pending[] = [];
  private running = 0;
  private scheduled = false;
  /** Users of the batches running now: concurrent batches never share a user (no lock cycles). */
  private readonly busyUsers = new Set<string>();

  constructor(private readonly pool: Pool, private readonly catalog: () => Promise<ScanCatalog>, private readonly maxBatch = 200, private readonly maxRunning = 4) {}

  ingest(dto: ScanInputDto): Promise<{ result: InputResult; stats?: ScanStats }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ dto, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.maxRunning || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private take(): Pending[] {
    const users = new Set<string>();
    const keys = new Set<string>();
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    for (const p of this.queue) {
      if (batch.length < this.maxBatch && !users.has(p.dto.user_id) && !this.busyUsers.has(p.dto.user_id) && !keys.has(p.dto.idempotency_key)) {
        users.add(p.dto.user_id);
        keys.add(p.dto.idempotency_key);
        batch.push(p);
      } else {
        rest.push(p);
      }
    }
    this.queue = rest;
    for (const u of users) this.busyUsers.add(u);
    return batch;
  }

  private async flush(): Promise<void> {
    const batch = this.take();
    if (batch.length === 0) return;
    this.running++;
    this.schedule();
    try {
      const catalog = await this.catalog();
      if (batch.length === 1) {
        await ingestScan(this.pool, catalog, batch[0].dto).then(batch[0].resolve, batch[0].reject);
      } else {
        await this.runBatch(catalog, batch);
      }
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      for (const p of batch) this.busyUsers.delete(p.dto.user_id);
      this.running--;
      this.schedule();
    }
  }

  private async runBatch(catalog: ScanCatalog, batch: Pending[]): Promise<void> {
    const { levels, campaigns, scanInterval } = catalog;
    const scans = batch.map(({ dto }) => {
      const scanId = dto.scan_id ?? randomUUID();
      const ts = dto.event_ts ? new Date(dto.event_ts) : new Date();
      const chosen = [...new Set([SYSTEM_CAMPAIGN, ...(dto.campaigns ?? [])])].map((id) => campaigns.get(id)).filter((c): c is Campaign => !!c);
      return { dto, scanId, ts, chosen, record: scanRecord(dto, scanId, ts) };
    });
    const claims = scans.flatMap((s, i) => s.chosen.map((c) => ({ idx: i + 1, id: randomUUID(), campaign_id: c.id, rate: c.coin_rate, ord: 0 })));
    claims.forEach((c, k) => { c.ord = k + 1; });
    // The scans as one JSON parameter: one native stringify here and one jsonb parse in Postgres,
    // where eleven text arrays cost an escape per element on both sides.
    const input = scans.map((s, i) => ({
      idx: i + 1, key: s.dto.idempotency_key, user_id: s.dto.user_id, scan_id: s.scanId, code: s.dto.code, product_id: s.record.product_id,
      product_name: s.dto.product_name ?? null, image_url: s.dto.image_url ?? null, ts: s.ts.toISOString(), record: s.record,
      timeline: { image_url: s.dto.image_url ?? null, product_name: s.dto.product_name ?? null, scan_id: s.scanId, text: s.dto.product_name ?? s.dto.code, ts: iso(s.ts), type: 'scan' },
      timeline_id: randomUUID(), digest: scanDigest(s.dto).toString('hex'),
    }));
    let rows: BatchRow[];
    try {
      // Named: each pooled connection parses and plans the statement once.
      rows = (await this.pool.query({
        name: 'rewards.scan-batch',
        text: BATCH_STATEMENT,
        values: [
          JSON.stringify(input),
          scanInterval?.min_interval_ms ?? 0, scanInterval?.reason ?? '', scanInterval?.ban_seconds ?? 0,
          levels.map((l) => l.type), levels.map((l) => l.earnings.find((e) => e.type === 'scanning_products')?.coins ?? '0'), levels.map((l) => l.coin_rate),
          JSON.stringify(claims),
        ],
      })).rows as BatchRow[];
    } catch {
      // One bad scan (e.g. a deleted user) fails the statement: each scan alone gets its own answer.
      await Promise.all(batch.map((p) => ingestScan(this.pool, catalog, p.dto).then(p.resolve, p.reject)));
      return;
    }
    const byIdx = new Map(rows.map((r) => [r.idx, r]));
    await Promise.all(scans.map(async (s, i) => {
      const row = byIdx.get(i + 1);
      const p = batch[i];
      // Not in the answer: the key was processed before; the single path answers the first result.
      if (!row) return ingestScan(this.pool, catalog, s.dto).then(p.resolve, p.reject);
      p.resolve({
        result: { scan_id: s.scanId, banned: row.banned, claims: row.claims, duplicate: false },
        stats: { total_scans: row.scans_count, total_balance: row.coins, total_uncollected_coins: row.pending_coins },
      });
    }));
  }
}

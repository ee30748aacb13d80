import { randomUUID } from 'node:crypto';
import { type InputResult, type ScanInputDto } from '#libs/contracts';
import type { Campaign } from '../common/rules-catalog.service.js';
import { scanDigest } from './body-digest.js';
import { ingestScan, type ScanCatalog, scanRecord, type ScanStats, SYSTEM_CAMPAIGN } from './scan-ingest.js';
import type { ScanBatchRow, ScansRepository } from './scans.repository.js';
import { isoSeconds } from '#libs/contracts';

interface Pending { dto: ScanInputDto; resolve: (v: { result: InputResult; stats?: ScanStats }) => void; reject: (e: unknown) => void }

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

  constructor(private readonly scans: ScansRepository, private readonly catalog: () => Promise<ScanCatalog>, private readonly maxBatch = 200, private readonly maxRunning = 4) {}

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
        await ingestScan(this.scans, catalog, batch[0].dto).then(batch[0].resolve, batch[0].reject);
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
      timeline: { image_url: s.dto.image_url ?? null, product_name: s.dto.product_name ?? null, scan_id: s.scanId, text: s.dto.product_name ?? s.dto.code, ts: isoSeconds(s.ts), type: 'scan' },
      timeline_id: randomUUID(), digest: scanDigest(s.dto).toString('hex'),
    }));
    let rows: ScanBatchRow[];
    try {
      rows = await this.scans.ingestBatch([
        JSON.stringify(input),
        scanInterval?.min_interval_ms ?? 0, scanInterval?.reason ?? '', scanInterval?.ban_seconds ?? 0,
        levels.map((l) => l.type), levels.map((l) => l.earnings.find((e) => e.type === 'scanning_products')?.coins ?? '0'), levels.map((l) => l.coin_rate),
        JSON.stringify(claims),
      ]);
    } catch {
      // One bad scan (e.g. a deleted user) fails the statement: each scan alone gets its own answer.
      await Promise.all(batch.map((p) => ingestScan(this.scans, catalog, p.dto).then(p.resolve, p.reject)));
      return;
    }
    const byIdx = new Map(rows.map((r) => [r.idx, r]));
    await Promise.all(scans.map(async (s, i) => {
      const row = byIdx.get(i + 1);
      const p = batch[i];
      // Not in the answer: the key was processed before; the single path answers the first result.
      if (!row) return ingestScan(this.scans, catalog, s.dto).then(p.resolve, p.reject);
      p.resolve({
        result: { scan_id: s.scanId, banned: row.banned, claims: row.claims, duplicate: false },
        stats: { total_scans: row.scans_count, total_balance: row.coins, total_uncollected_coins: row.pending_coins },
      });
    }));
  }
}

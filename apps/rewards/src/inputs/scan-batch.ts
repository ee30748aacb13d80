import type { ScanInputDto } from '#libs/contracts';
import { ingestScans, type ScanCatalog, type ScanOutcome } from './scan-ingest.js';
import type { ScansRepository } from './scans.repository.js';

interface Pending { dto: ScanInputDto; resolve: (v: ScanOutcome) => void; reject: (e: unknown) => void }

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

  ingest(dto: ScanInputDto): Promise<ScanOutcome> {
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
      await this.run(catalog, batch).catch(async (error: unknown) => {
        if (batch.length === 1) throw error;
        // One bad scan (e.g. a deleted user) fails the statement: each scan alone gets its own answer.
        await Promise.all(batch.map((p) => this.run(catalog, [p]).catch(p.reject)));
      });
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      for (const p of batch) this.busyUsers.delete(p.dto.user_id);
      this.running--;
      this.schedule();
    }
  }

  private async run(catalog: ScanCatalog, batch: Pending[]): Promise<void> {
    const outcomes = await ingestScans(this.scans, catalog, batch.map((p) => p.dto));
    outcomes.forEach((o, i) => (o.status === 'fulfilled' ? batch[i].resolve(o.value) : batch[i].reject(o.reason)));
  }
}

import type { RedisClient } from '#libs/redis';
import type { DeadLetters } from './dead-letter.js';
import { decodeEntry } from './wire-format.js';

export interface ReclaimerDeps {
  redis: RedisClient;
  group: string;
  consumer: string;
  streams: string[];
  minIdleMs: number;
  maxDeliveries: number;
  deadLetters: DeadLetters;
  inFlight: () => Iterable<{ stream: string; entryId: string; startedAt: number }>;
  freeSlots: () => number;
  dispatch: (stream: string, entryId: string, fields: string[], deliveries: number) => void;
  onError: (err: unknown) => void;
}

type Claimed = [next: string, entries: [string, string[] | null][], deleted?: string[]];

const PRUNE_EVERY_MS = 10 * 60_000;
const STALE_CONSUMER_MS = 60 * 60_000;

/** How often the reclaim pass runs for a given min-idle time. */
export function reclaimIntervalMs(minIdleMs: number): number {
  return Math.min(Math.max(Math.floor(minIdleMs / 2), 100), 5_000);
}

/**
 * Periodic pass over each stream this replica reads:
 * - keeps its own running entries fresh (XCLAIM JUSTID resets idle) so nobody steals them;
 * - XAUTOCLAIMs entries idle ≥ minIdle (crashed replica, failed event handler) and either
 *   re-dispatches them (a request is then dropped, never run twice) or, after maxDeliveries,
 *   moves them to the dead-letter stream.
 */
export class Reclaimer {
  private timer?: NodeJS.Timeout;
  private running = false;
  private lastPrune = Date.now();

  constructor(private readonly d: ReclaimerDeps) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), reclaimIntervalMs(this.d.minIdleMs));
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.refreshOwn();
      for (const stream of this.d.streams) await this.reclaim(stream);
      if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
        this.lastPrune = Date.now();
        for (const stream of this.d.streams) await this.pruneConsumers(stream);
      }
    } catch (err) {
      this.d.onError(err);
    } finally {
      this.running = false;
    }
  }

  /** Every replica start adds a consumer; drop those with nothing pending and long idle. */
  private async pruneConsumers(stream: string): Promise<void> {
    const consumers = (await this.d.redis.call('XINFO', 'CONSUMERS', stream, this.d.group)) as (string | number)[][];
    for (const row of consumers) {
      const info: Record<string, string | number> = {};
      for (let i = 0; i + 1 < row.length; i += 2) info[String(row[i])] = row[i + 1];
      if (info.name !== this.d.consumer && Number(info.pending) === 0 && Number(info.idle) > STALE_CONSUMER_MS) {
        await this.d.redis.call('XGROUP', 'DELCONSUMER', stream, this.d.group, String(info.name));
      }
    }
  }

  private async refreshOwn(): Promise<void> {
    const staleAfter = Date.now() - this.d.minIdleMs / 3;
    const byStream = new Map<string, string[]>();
    for (const f of this.d.inFlight()) {
      if (f.startedAt > staleAfter) continue;
      byStream.set(f.stream, [...(byStream.get(f.stream) ?? []), f.entryId]);
    }
    for (const [stream, ids] of byStream) {
      await this.d.redis.call('XCLAIM', stream, this.d.group, this.d.consumer, 0, ...ids, 'JUSTID');
    }
  }

  private async reclaim(stream: string): Promise<void> {
    const count = Math.max(this.d.freeSlots(), 10);
    const [, entries] = (await this.d.redis.call(
      'XAUTOCLAIM', stream, this.d.group, this.d.consumer, this.d.minIdleMs, '0-0', 'COUNT', count,
    )) as Claimed;
    const live = entries.filter((e): e is [string, string[]] => Array.isArray(e[1]));
    if (live.length === 0) return;
    // Delivery counts after the claim (XAUTOCLAIM increments them).
    const pipeline = this.d.redis.pipeline();
    for (const [id] of live) pipeline.call('XPENDING', stream, this.d.group, id, id, 1);
    const counts = (await pipeline.exec()) ?? [];
    for (const [i, [id, fields]] of live.entries()) {
      const row = counts[i]?.[1] as [string, string, number, number][] | undefined;
      const deliveries = Number(row?.[0]?.[3] ?? this.d.maxDeliveries + 1);
      // deliveries counts this new attempt too: attempts already made = deliveries - 1.
      if (deliveries - 1 >= this.d.maxDeliveries) {
        await this.d.deadLetters.bury(stream, this.d.group, id, metaOf(fields), deliveries - 1);
      } else {
        this.d.dispatch(stream, id, fields, deliveries);
      }
    }
  }
}

function metaOf(fields: string[]) {
  try {
    return decodeEntry(fields).messages;
  } catch {
    return [];
  }
}

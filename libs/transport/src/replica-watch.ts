import type { RedisClient } from '#libs/redis';
import type { TransportKeys } from './keys.js';

/** Heartbeats older than this many alive windows are dropped from the alive set by the replicas themselves. */
const FORGOTTEN_AFTER_WINDOWS = 12;

/**
 * Client side: while requests are in flight, notices a replica whose heartbeat stopped (killed,
 * frozen, cut off) and hands the client the entries it was holding, so their callers get a clean
 * `unavailable` within seconds instead of waiting for their timeout. A replica that stops
 * gracefully leaves the alive set itself and finishes what it holds: it is not reported.
 */
export class ReplicaWatch {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: TransportKeys,
    private readonly service: string,
    private readonly aliveWindowMs: number,
    private readonly inFlight: () => Iterable<{ entryId?: string; startedAt: number }>,
    private readonly onLost: (entryIds: ReadonlySet<string>, replica: string) => void,
  ) {}

  start(everyMs: number): void {
    this.timer = setInterval(() => void this.check().catch(() => undefined), everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async check(): Promise<void> {
    if (this.running || !this.hasWaitingRequests()) return;
    this.running = true;
    try {
      const now = Date.now();
      const stopped = await this.redis.zrangebyscore(this.keys.alive(this.service),
        now - this.aliveWindowMs * FORGOTTEN_AFTER_WINDOWS, `(${now - this.aliveWindowMs}`);
      for (const replica of stopped) {
        const held = (await this.redis.call('XPENDING', this.keys.requests(this.service), this.service, '-', '+', 1000, replica)) as [string, ...unknown[]][];
        if (held.length > 0) this.onLost(new Set(held.map(([id]) => id)), replica);
      }
    } finally {
      this.running = false;
    }
  }

  private hasWaitingRequests(): boolean {
    for (const request of this.inFlight()) if (request.entryId) return true;
    return false;
  }
}

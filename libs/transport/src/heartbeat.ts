import type { RedisClient } from '#libs/redis';

/** Server side: keeps `alive:<service>` fresh with this replica's last-seen time. */
export class Heartbeat {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly redis: RedisClient,
    private readonly key: string,
    private readonly replicaId: string,
    private readonly intervalMs: number,
    private readonly aliveWindowMs: number,
  ) {}

  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat().catch(() => undefined), this.intervalMs);
    this.timer.unref();
  }

  /** Stops beating and removes this replica at once, so callers fail fast right away. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.zrem(this.key, this.replicaId).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    const now = Date.now();
    // Also drop long-dead replicas so the set stays small.
    await this.redis.multi()
      .zadd(this.key, now, this.replicaId)
      .zremrangebyscore(this.key, '-inf', now - this.aliveWindowMs * 12)
      .exec();
  }
}

/** Client side: "is any replica of <service> alive?", cached briefly and shared by concurrent callers. */
export class LivenessCache {
  private readonly cache = new Map<string, { alive: boolean; at: number; pending?: Promise<boolean> }>();

  constructor(
    private readonly redis: RedisClient,
    private readonly keyOf: (service: string) => string,
    private readonly cacheMs: number,
    private readonly aliveWindowMs: number,
  ) {}

  /** The cached answer while it is fresh (no promise on the hot path), else undefined. */
  cached(service: string): boolean | undefined {
    const entry = this.cache.get(service);
    return entry && !entry.pending && Date.now() - entry.at < this.cacheMs ? entry.alive : undefined;
  }

  async isAlive(service: string): Promise<boolean> {
    const entry = this.cache.get(service);
    const now = Date.now();
    if (entry?.pending) return entry.pending;
    if (entry && now - entry.at < this.cacheMs) return entry.alive;
    const pending = this.redis
      .zcount(this.keyOf(service), now - this.aliveWindowMs, '+inf')
      .then((n) => n > 0);
    this.cache.set(service, { alive: entry?.alive ?? false, at: entry?.at ?? 0, pending });
    try {
      const alive = await pending;
      this.cache.set(service, { alive, at: Date.now() });
      return alive;
    } catch (err) {
      this.cache.delete(service);
      throw err;
    }
  }
}

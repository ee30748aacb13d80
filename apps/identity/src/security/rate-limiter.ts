import type { RedisClient } from '#libs/redis';

export interface LimitDecision {
  allowed: boolean;
  /** Hits in the current window, this one included. */
  count: number;
  /** Seconds until the window ends (when refused: how long to wait). */
  retryAfter: number;
}

// INCR and start the window on the first hit, atomically; answers [count, ttl].
const HIT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}`;

/**
 * Fixed-window counter in Redis: at most `limit` hits per `windowSeconds` per key; the window
 * starts at the first hit. Shared by every replica, so a limit holds across the deployment.
 */
export class RateLimiter {
  constructor(private readonly redis: RedisClient, private readonly prefix = 'rl:') {}

  /** Counts one hit and says whether it is within the limit. */
  async hit(key: string, limit: number, windowSeconds: number): Promise<LimitDecision> {
    const [count, ttl] = (await this.redis.eval(HIT, 1, this.prefix + key, windowSeconds)) as [number, number];
    return { allowed: count <= limit, count, retryAfter: Math.max(1, ttl) };
  }

  /** Whether the key has already used up `limit` hits, without counting a new one. */
  async check(key: string, limit: number): Promise<LimitDecision> {
    const [raw, ttl] = await this.redis.multi().get(this.prefix + key).ttl(this.prefix + key).exec()
      .then((r) => (r ?? []).map(([, v]) => v) as [string | null, number]);
    const count = Number(raw ?? 0);
    return { allowed: count < limit, count, retryAfter: Math.max(1, ttl) };
  }

  async reset(...keys: string[]): Promise<void> {
    if (keys.length > 0) await this.redis.del(...keys.map((k) => this.prefix + k));
  }
}

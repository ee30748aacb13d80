import type { RedisClient } from '#libs/redis';

export interface LimitDecision {
  allowed: boolean;
  /** Hits in the current window, this one included (when refused: the count that refused it). */
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

// Takes one of `limit` places, or none when all are taken: [taken 1/0, count, ttl]. The check and
// the increment are one step, so parallel callers can never take more than `limit` places.
const RESERVE = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then
  local ttl = redis.call('TTL', KEYS[1])
  if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
  return {0, n, ttl}
end
n = redis.call('INCR', KEYS[1])
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
return {1, n, ttl}`;

// Gives a place back; never below zero and never onto a window that has ended.
const RELEASE = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then redis.call('DECR', KEYS[1]) end
return 1`;

/**
 * Fixed-window counters in Redis: at most `limit` hits per `windowSeconds` per key; the window
 * starts at the first hit. Shared by every replica, so a limit holds across the deployment.
 * Every script touches one key (Redis Cluster).
 */
export class RateLimiter {
  constructor(private readonly redis: RedisClient, private readonly prefix = 'rl:') {}

  /** Counts one hit and says whether it is within the limit. */
  async hit(key: string, limit: number, windowSeconds: number): Promise<LimitDecision> {
    const [count, ttl] = (await this.redis.eval(HIT, 1, this.prefix + key, windowSeconds)) as [number, number];
    return { allowed: count <= limit, count, retryAfter: Math.max(1, ttl) };
  }

  /** Takes a place before the work it limits (atomic check-and-count); refused when `limit` are taken. */
  async reserve(key: string, limit: number, windowSeconds: number): Promise<LimitDecision> {
    const [taken, count, ttl] = (await this.redis.eval(RESERVE, 1, this.prefix + key, limit, windowSeconds)) as [number, number, number];
    return { allowed: taken === 1, count, retryAfter: Math.max(1, ttl) };
  }

  /** Gives back a place taken by `reserve` whose work turned out not to count (a success, an overload). */
  async release(key: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.prefix + key);
  }

  async reset(...keys: string[]): Promise<void> {
    if (keys.length > 0) await Promise.all(keys.map((k) => this.redis.del(this.prefix + k)));
  }
}

import { createRequire } from 'node:module';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RedisClient } from '#libs/redis';

type LibraryRedisStore = new (continueExceeding: boolean, exponentialBackoff: boolean, redis: RedisClient, prefix: string) => FastifyRateLimitStore;
// The library's own Redis store (one Lua script: INCR and PEXPIRE on one key, so it runs on a Cluster).
const RedisStore = createRequire(import.meta.url)('@fastify/rate-limit/store/RedisStore.js') as LibraryRedisStore;

/** Every gateway counter: `rl-gw:<route class>:<client>`. */
export const GATEWAY_LIMIT_PREFIX = 'rl-gw:';

/**
 * The library's Redis store, but one counter per route class instead of one per route: its
 * `child()` (called once per limiter) keeps the prefix, and the key generator names the class.
 */
export function classRedisStore(redis: RedisClient): FastifyRateLimitStoreCtor {
  const shared = new RedisStore(false, false, redis, GATEWAY_LIMIT_PREFIX);
  return class ClassRedisStore implements FastifyRateLimitStore {
    incr(...args: Parameters<FastifyRateLimitStore['incr']>): void { shared.incr(...args); }
    child(): FastifyRateLimitStore { return this; }
  };
}

import { Redis } from 'ioredis';
import type { RedisClient } from '#libs/redis';

/** GETEX of every key given, one after the other: one command (and one reply) for a whole batch. */
const GETEX_MANY = `
local out = {}
for i, key in ipairs(KEYS) do out[i] = redis.call('GETEX', key, 'EX', ARGV[1]) end
return out`;

type ManyReader = RedisClient & { getexMany(numKeys: number, ...args: (string | number)[]): Promise<(string | null)[]> };
interface Waiting { key: string; resolve: (raw: string | null) => void; reject: (error: unknown) => void }

/** Most keys in one script call: a script blocks Redis while it runs. */
const MAX_BATCH = 256;

/**
 * Session reads with their sliding TTL (GETEX). Every authenticated request makes one; on a
 * single Redis the reads that arrive in one turn of the event loop go as one script call, so the
 * client builds one command instead of one per request (ioredis' per-command objects and their
 * garbage were most of the gateway's Redis cost). A Cluster spreads keys over slots a script
 * cannot span: there each read is its own GETEX.
 */
export class SessionReads {
  private waiting: Waiting[] = [];
  private readonly batched: boolean;

  constructor(private readonly redis: RedisClient, private readonly ttlSeconds: number) {
    this.batched = redis instanceof Redis;
    if (this.batched && !('getexMany' in redis)) redis.defineCommand('getexMany', { lua: GETEX_MANY });
  }

  read(key: string): Promise<string | null> {
    if (!this.batched) return this.redis.getex(key, 'EX', this.ttlSeconds);
    return new Promise((resolve, reject) => {
      if (this.waiting.push({ key, resolve, reject }) === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.waiting.splice(0, MAX_BATCH);
    if (this.waiting.length > 0) setImmediate(() => this.flush());
    (this.redis as ManyReader).getexMany(batch.length, ...batch.map((w) => w.key), this.ttlSeconds).then(
      (raws) => batch.forEach((w, i) => w.resolve(raws[i] ?? null)),
      (error: unknown) => batch.forEach((w) => w.reject(error)),
    );
  }
}

import type { RedisClient } from '#libs/redis';
import { nextTurn } from './turns.js';

/** XACK and XDEL of the given ids in one command (one key: runs on a Cluster too). */
const ACK_AND_DELETE = `
redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
return redis.call('XDEL', KEYS[1], unpack(ARGV, 2))`;

/**
 * Collects the acknowledgements made in the same tick and sends, per stream, one script that
 * acknowledges and deletes them: an entry leaves its stream once handled, so streams hold
 * unfinished work only.
 */
export class AckBatcher {
  private readonly queued = new Map<string, string[]>();
  private flushing?: Promise<void>;

  constructor(private readonly redis: RedisClient, private readonly group: string) {
    if (!('ackAndDelete' in redis)) redis.defineCommand('ackAndDelete', { numberOfKeys: 1, lua: ACK_AND_DELETE });
  }

  ack(stream: string, entryId: string): Promise<void> {
    const ids = this.queued.get(stream);
    if (ids) ids.push(entryId);
    else this.queued.set(stream, [entryId]);
    this.flushing ??= nextTurn().then(() => this.flush());
    return this.flushing;
  }

  /** Sends everything queued now. A failed batch stays pending and is reclaimed (and not run again). */
  async flush(): Promise<void> {
    this.flushing = undefined;
    const batches = [...this.queued];
    this.queued.clear();
    const redis = this.redis as RedisClient & { ackAndDelete(stream: string, group: string, ...ids: string[]): Promise<number> };
    await Promise.all(batches.map(([stream, ids]) => redis.ackAndDelete(stream, this.group, ...ids).catch(() => 0)));
  }
}

import type { Redis } from 'ioredis';
import type { TransportKeys } from './keys.js';

/**
 * Failed deliveries: the last error of each pending message is kept in `fail:<service>` so
 * whichever replica gives up on it can write it to `dlq:<service>`.
 */
export class DeadLetters {
  constructor(
    private readonly redis: Redis,
    private readonly keys: TransportKeys,
    private readonly service: string,
    private readonly maxLen: number,
  ) {}

  private field(stream: string, entryId: string): string { return `${stream}|${entryId}`; }

  async recordFailure(stream: string, entryId: string, error: string): Promise<void> {
    await this.redis.hset(this.keys.failures(this.service), this.field(stream, entryId), error);
  }

  async forget(stream: string, entryId: string): Promise<void> {
    await this.redis.hdel(this.keys.failures(this.service), this.field(stream, entryId));
  }

  /** Moves one entry to the dead-letter stream and acks it in its own stream (one MULTI). */
  async bury(stream: string, group: string, entryId: string, fields: string[], deliveries: number): Promise<void> {
    const failures = this.keys.failures(this.service);
    const error = (await this.redis.hget(failures, this.field(stream, entryId))) ?? 'unknown (consumer crashed or timed out)';
    await this.redis.multi()
      .xadd(this.keys.deadLetter(this.service), 'MAXLEN', '~', this.maxLen, '*',
        'stream', stream, 'entryId', entryId, 'deliveries', String(deliveries), 'error', error,
        'failedAt', new Date().toISOString(), ...fields)
      .xack(stream, group, entryId)
      .hdel(failures, this.field(stream, entryId))
      .exec();
  }
}

import type { RedisClient } from '#libs/redis';
import type { TransportKeys } from './keys.js';
import type { EntryMeta } from './wire-format.js';

/**
 * Failed deliveries: the last error of each pending message is kept in `fail:{service}` so
 * whichever replica gives up on it can write it to `dlq:{service}`. A dead letter keeps what an
 * operator needs to diagnose (stream, pattern, headers, error, deliveries), never the sealed body.
 */
export class DeadLetters {
  constructor(
    private readonly redis: RedisClient,
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

  /**
   * Writes the dead letter, then acknowledges and deletes the entry (one MULTI: the keys share the
   * service's slot). An entry of several messages lists their ids and patterns (comma separated)
   * and their headers as a JSON array.
   */
  async bury(stream: string, group: string, entryId: string, messages: readonly EntryMeta[], deliveries: number, reason?: string): Promise<void> {
    const failures = this.keys.failures(this.service);
    const error = reason ?? (await this.redis.hget(failures, this.field(stream, entryId))) ?? 'unknown (consumer crashed or timed out)';
    const headers = messages.length === 1 ? messages[0].headers : messages.map((m) => m.headers);
    const described = messages.length > 0
      ? ['id', messages.map((m) => m.id).join(','), 'pattern', messages.map((m) => m.pattern).join(','), 'headers', JSON.stringify(headers)]
      : [];
    await this.redis.multi()
      .xadd(this.keys.deadLetter(this.service), 'MAXLEN', '~', this.maxLen, '*',
        'stream', stream, 'entryId', entryId, 'deliveries', String(deliveries), 'error', error,
        'failedAt', new Date().toISOString(), ...described)
      .xack(stream, group, entryId)
      .xdel(stream, entryId)
      .hdel(failures, this.field(stream, entryId))
      .exec();
  }
}

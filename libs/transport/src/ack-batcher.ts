import type { Redis } from 'ioredis';

/** Collects XACKs made in the same tick and sends one XACK per stream. */
export class AckBatcher {
  private readonly queued = new Map<string, string[]>();
  private flushing?: Promise<void>;

  constructor(private readonly redis: Redis, private readonly group: string) {}

  ack(stream: string, entryId: string): Promise<void> {
    const ids = this.queued.get(stream);
    if (ids) ids.push(entryId);
    else this.queued.set(stream, [entryId]);
    this.flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flush());
    return this.flushing;
  }

  /** Sends everything queued now. Failed acks are dropped: the entries stay pending and get reclaimed. */
  async flush(): Promise<void> {
    this.flushing = undefined;
    const batches = [...this.queued];
    this.queued.clear();
    await Promise.all(batches.map(([stream, ids]) => this.redis.xack(stream, this.group, ...ids).catch(() => 0)));
  }
}

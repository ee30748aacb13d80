// Reads what services emit: registers a subscriber of its own for some events (as a service
// would) and opens the sealed copies written for it.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Header } from '#libs/contracts';
import { decodeEntry, openData, Sealer, TRANSPORT_DEFAULTS, TransportKeys } from '#libs/transport';

export interface TappedEvent<T> { data: T; requestId?: string; caller?: string }

export interface EventTap {
  /** Every event of `pattern` emitted since the tap started, oldest first. */
  events<T = Record<string, unknown>>(pattern: string): Promise<TappedEvent<T>[]>;
  stop(): Promise<void>;
}

/** Starts a tap; resolves once emitters' subscriber caches have seen it. */
export async function tapEvents(redisUrl: string, patterns: readonly string[], prefix = ''): Promise<EventTap> {
  const name = `test-tap-${randomBytes(4).toString('hex')}`;
  const keys = new TransportKeys(prefix);
  const redis = new Redis(redisUrl);
  const sealer = Sealer.fromSpec(undefined);
  await Promise.all(patterns.map((p) => redis.zadd(keys.subscribers(p), Date.now(), name)));
  await new Promise((r) => setTimeout(r, TRANSPORT_DEFAULTS.subscribersCacheMs + 100));
  return {
    async events<T>(pattern: string) {
      const entries = await redis.xrange(keys.events(name, pattern), '-', '+');
      return entries.map(([, fields]) => {
        const entry = decodeEntry(fields);
        const [data] = openData(entry, sealer) as T[];
        const { headers } = entry.messages[0];
        return { data, requestId: headers[Header.RequestId], caller: headers[Header.Caller] };
      });
    },
    async stop() {
      await Promise.all(patterns.map((p) => redis.zrem(keys.subscribers(p), name)));
      await redis.del(...patterns.map((p) => keys.events(name, p)));
      redis.disconnect();
    },
  };
}

// Streams hold unfinished work only: an entry leaves its stream once handled, an event is
// written only for services that subscribe, and expired requests are trimmed as new ones arrive.
import { Redis } from 'ioredis';
import { lastValueFrom } from 'rxjs';
import { RedisStreamsClient, TransportKeys } from '#libs/transport';
import { settle, startReplica, stopAllReplicas, unique, waitFor } from './helpers.js';

const PREFIX = `${unique('bd')}:`;
const SERVICE = 'fixture-bounds';
const keys = new TransportKeys(PREFIX);

describe('transport stream bounds', () => {
  let redis: Redis;
  let client: RedisStreamsClient;

  beforeAll(async () => {
    redis = new Redis(process.env.TEST_REDIS_URL!);
    await startReplica({ SERVICE, PREFIX, REPLICA_ID: 'bd-1' });
    client = new RedisStreamsClient({ url: process.env.TEST_REDIS_URL!, service: SERVICE, caller: 'test', prefix: PREFIX });
  });

  afterAll(async () => {
    await client?.close();
    await stopAllReplicas();
    redis?.disconnect();
  });

  it('deletes each request entry once it is answered', async () => {
    for (let batch = 0; batch < 10; batch++) {
      const results = await Promise.all(Array.from({ length: 100 }, () => settle(client.send('t.sleep', { ms: 0 }))));
      expect(results.filter((r) => !r.ok)).toEqual([]);
    }
    await waitFor(() => redis.xlen(keys.requests(SERVICE)), (len) => len === 0, 2_000, 'request stream empty');
  });

  it('deletes each event copy once its subscriber handled it', async () => {
    await Promise.all(Array.from({ length: 500 }, (_, n) => lastValueFrom(client.emit('t.event', { n }))));
    await waitFor(() => redis.llen(`${PREFIX}seen`), (len) => len === 500, 10_000, 'events handled');
    await waitFor(() => redis.xlen(keys.events(SERVICE, 't.event')), (len) => len === 0, 2_000, 'event stream empty');
  });

  it('writes nothing for an event nobody subscribes to', async () => {
    await Promise.all(Array.from({ length: 100 }, (_, n) => lastValueFrom(client.emit('t.unheard', { n }))));
    expect(await redis.keys(`${PREFIX}ev:*t.unheard`)).toEqual([]);
  });

  it('trims request entries older than twice the reclaim idle time as new requests are added', async () => {
    const stale = `${Date.now() - 10 * 60_000}-0`;
    const stream = keys.requests('fixture-bounds-stale');
    await redis.xadd(stream, stale, 'id', 'old', 'pattern', 't.sleep', 'headers', '{}');
    await startReplica({ SERVICE: 'fixture-bounds-stale', PREFIX, REPLICA_ID: 'bd-stale' });
    const other = new RedisStreamsClient({ url: process.env.TEST_REDIS_URL!, service: 'fixture-bounds-stale', caller: 'test', prefix: PREFIX });
    // MINID ~ trims whole nodes; enough requests fill and close the node holding the stale entry.
    for (let i = 0; i < 3; i++) await Promise.all(Array.from({ length: 100 }, () => settle(other.send('t.sleep', { ms: 0 }))));
    expect(await redis.xrange(stream, stale, stale)).toEqual([]);
    await other.close();
  });
});

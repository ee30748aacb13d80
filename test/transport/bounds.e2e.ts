// Streams stay bounded: every XADD trims with MAXLEN ~.
import { Redis } from 'ioredis';
import { lastValueFrom } from 'rxjs';
import { RedisStreamsClient } from '#libs/transport';
import { settle, startReplica, stopAllReplicas, unique } from './helpers.js';

const PREFIX = `${unique('bd')}:`;

describe('transport stream bounds', () => {
  let redis: Redis;
  let client: RedisStreamsClient;

  beforeAll(async () => {
    redis = new Redis(process.env.TEST_REDIS_URL!);
    await startReplica({ SERVICE: 'fixture-bounds', PREFIX, REPLICA_ID: 'bd-1' });
    client = new RedisStreamsClient({ url: process.env.TEST_REDIS_URL!, service: 'fixture-bounds', caller: 'test', prefix: PREFIX, maxLen: 100 });
  });

  afterAll(async () => {
    await client?.close();
    await stopAllReplicas();
    redis?.disconnect();
  });

  it('keeps event streams near maxLen', async () => {
    await Promise.all(Array.from({ length: 2000 }, (_, n) => lastValueFrom(client.emit('t.unheard', { n }))));
    const len = await redis.xlen(`${PREFIX}ev:t.unheard`);
    expect(len).toBeGreaterThanOrEqual(100);
    expect(len).toBeLessThan(250); // ~ trims whole nodes (100 entries each by default)
  });

  it('keeps request streams near maxLen', async () => {
    // Batches below maxLen: MAXLEN ~ also drops entries nobody has read yet, so a backlog larger
    // than maxLen would lose requests (their callers get a timeout).
    for (let batch = 0; batch < 20; batch++) {
      const results = await Promise.all(Array.from({ length: 50 }, () => settle(client.send('t.sleep', { ms: 0 }))));
      expect(results.filter((r) => !r.ok)).toEqual([]);
    }
    const len = await redis.xlen(`${PREFIX}rq:fixture-bounds`);
    expect(len).toBeLessThan(250);
  });
});

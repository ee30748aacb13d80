// Events: every subscribing service gets each event once, load-balanced across its replicas.
import { Redis } from 'ioredis';
import { lastValueFrom } from 'rxjs';
import { Header } from '#libs/contracts';
import { RedisStreamsClient, StreamRecord, TransportKeys } from '#libs/transport';
import { startReplica, stopAllReplicas, unique, waitFor } from './helpers.js';

const PREFIX = `${unique('ev')}:`;

describe('transport events (2 services × 2 replicas)', () => {
  let redis: Redis;
  let client: RedisStreamsClient;

  beforeAll(async () => {
    redis = new Redis(process.env.TEST_REDIS_URL!);
    await Promise.all(['a', 'b'].flatMap((svc) => [1, 2].map((i) =>
      startReplica({ SERVICE: `fixture-ev-${svc}`, PREFIX, REPLICA_ID: `ev-${svc}-${i}` }))));
    client = new RedisStreamsClient({ url: process.env.TEST_REDIS_URL!, caller: 'test', prefix: PREFIX });
  });

  afterAll(async () => {
    await client?.close();
    await stopAllReplicas();
    redis?.disconnect();
  });

  it('delivers each event exactly once to each subscribing service', async () => {
    const N = 200;
    for (let n = 0; n < N; n++) {
      await lastValueFrom(client.emit('t.event', new StreamRecord({ n }, { [Header.RequestId]: `ev-req-${n}` })));
    }
    await waitFor(() => redis.llen(`${PREFIX}seen`), (len) => len >= 2 * N, 20_000, 'all events handled');
    await new Promise((r) => setTimeout(r, 500)); // would catch late duplicates
    const seen = (await redis.lrange(`${PREFIX}seen`, 0, -1)).map((s) => JSON.parse(s) as { service: string; replica: string; n: number; requestId: string });
    expect(seen).toHaveLength(2 * N);
    for (const svc of ['fixture-ev-a', 'fixture-ev-b']) {
      const mine = seen.filter((s) => s.service === svc);
      expect(mine.map((s) => s.n).sort((x, y) => x - y)).toEqual(Array.from({ length: N }, (_, i) => i));
      expect(mine.every((s) => s.replica.startsWith(`ev-${svc.slice(-1)}-`))).toBe(true);
    }
    expect(seen.find((s) => s.n === 7)?.requestId).toBe('ev-req-7');
    // all acknowledged, and each service's copy deleted once handled
    for (const svc of ['fixture-ev-a', 'fixture-ev-b']) {
      const copy = new TransportKeys(PREFIX).events(svc, 't.event');
      const [count] = (await redis.xpending(copy, svc)) as [number];
      expect(count).toBe(0);
      await waitFor(() => redis.xlen(copy), (n) => n === 0, 2_000, 'copy empty');
    }
  });

  it('spreads events of one service over its replicas', async () => {
    await redis.del(`${PREFIX}seen`);
    // Emitted concurrently so both replicas' blocking reads get work.
    await Promise.all(Array.from({ length: 400 }, (_, n) => lastValueFrom(client.emit('t.event', { n }))));
    await waitFor(() => redis.llen(`${PREFIX}seen`), (len) => len >= 800, 20_000, 'all events handled');
    const seen = (await redis.lrange(`${PREFIX}seen`, 0, -1)).map((s) => JSON.parse(s) as { replica: string });
    const replicas = new Set(seen.map((s) => s.replica));
    expect(replicas.size).toBeGreaterThanOrEqual(3); // at least one service used both replicas
  });
});

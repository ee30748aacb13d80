// No event is lost while a subscriber is down or lags: its copy of each event stays until it has
// handled it, however many pile up, and is then delivered exactly once.
import { Redis } from 'ioredis';
import { lastValueFrom } from 'rxjs';
import { RedisStreamsClient, TransportKeys } from '#libs/transport';
import { startReplica, stopAllReplicas, stopReplica, unique, waitFor } from './helpers.js';

const PREFIX = `${unique('lg')}:`;
const SERVICE = 'fixture-lag';
/** More than the 100,000 entries the streams used to be trimmed to. */
const EVENTS = 120_000;

describe('transport events while the subscriber is down', () => {
  let redis: Redis;
  let client: RedisStreamsClient;

  beforeAll(async () => {
    redis = new Redis(process.env.TEST_REDIS_URL!);
    client = new RedisStreamsClient({ url: process.env.TEST_REDIS_URL!, caller: 'test', prefix: PREFIX });
  });

  afterAll(async () => {
    await client?.close();
    await stopAllReplicas();
    redis?.disconnect();
  });

  it(`keeps ${EVENTS} events for a stopped subscriber and delivers each exactly once after its restart`, async () => {
    const first = await startReplica({ SERVICE, PREFIX, REPLICA_ID: 'lag-1' });
    await stopReplica(first);

    const copy = new TransportKeys(PREFIX).events(SERVICE, 't.count');
    for (let from = 0; from < EVENTS; from += 5_000) {
      await Promise.all(Array.from({ length: 5_000 }, (_, i) => lastValueFrom(client.emit('t.count', { n: from + i }))));
    }
    expect(await redis.xlen(copy)).toBe(EVENTS);

    const started = Date.now();
    const back = await startReplica({ SERVICE, PREFIX, REPLICA_ID: 'lag-2', CONCURRENCY: '500' });
    await waitFor(() => redis.get(`${PREFIX}count:{t}:total`), (n) => Number(n) >= EVENTS, 120_000, 'all events handled');
    console.log(`${EVENTS} events delivered ${Date.now() - started} ms after the subscriber came back`);
    await new Promise((r) => setTimeout(r, 500)); // would catch late duplicates
    expect(Number(await redis.get(`${PREFIX}count:{t}:total`))).toBe(EVENTS);
    expect(await redis.bitcount(`${PREFIX}count:{t}:seen`)).toBe(EVENTS);
    await waitFor(() => redis.xlen(copy), (n) => n === 0, 5_000, 'copy stream empty'); // deleted once their batches are handled
    // Ops are told: the returning replica logged its backlog.
    expect(back.output.join('')).toMatch(/ev:\{fixture-lag\}:t\.count has \d+ entries waiting \(warning above 10000\)/);
    await stopReplica(back);
  }, 180_000);
});

// Crash recovery and poison messages: a killed replica's unacknowledged events are reclaimed
// by a live replica; a message that always fails ends in the dead-letter stream after N tries.
import { Redis } from 'ioredis';
import { lastValueFrom } from 'rxjs';
import { RedisStreamsClient, TransportKeys } from '#libs/transport';
import { startReplica, stopAllReplicas, stopReplica, unique, waitFor } from './helpers.js';

const PREFIX = `${unique('rc')}:`;
const keys = new TransportKeys(PREFIX);

describe('transport reclaim and dead letters', () => {
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

  it('hands the events of a SIGKILLed replica to a live one', async () => {
    const env = { SERVICE: 'fixture-crash', PREFIX, MIN_IDLE_MS: '1000' };
    const doomed = await startReplica({ ...env, REPLICA_ID: 'crash-1', HOLD_EVENTS: '1' });
    for (let n = 0; n < 5; n++) await lastValueFrom(client.emit('t.hold', { n }));
    await waitFor(() => redis.llen(`${PREFIX}holding:crash-1`), (len) => len === 5, 10_000, 'crash-1 holding 5 events');

    const survivor = await startReplica({ ...env, REPLICA_ID: 'crash-2' });
    // While crash-1 is alive its running entries are kept fresh: nobody steals them.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await redis.llen(`${PREFIX}held-done`)).toBe(0);

    await stopReplica(doomed, 'SIGKILL');
    const done = await waitFor(() => redis.lrange(`${PREFIX}held-done`, 0, -1), (l) => l.length >= 5, 10_000, 'survivor handled 5 events');
    const parsed = done.map((s) => JSON.parse(s) as { replica: string; n: number });
    expect(parsed.map((p) => p.n).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(parsed.every((p) => p.replica === 'crash-2')).toBe(true);
    await waitFor(async () => ((await redis.xpending(keys.events('fixture-crash', 't.hold'), 'fixture-crash')) as [number])[0], (c) => c === 0, 5_000, 'nothing pending');
    await stopReplica(survivor);
  });

  it('moves a message that always fails to the dead-letter stream after maxDeliveries', async () => {
    const env = { SERVICE: 'fixture-poison', PREFIX, MIN_IDLE_MS: '200', MAX_DELIVERIES: '3' };
    await Promise.all([1, 2].map((i) => startReplica({ ...env, REPLICA_ID: `poison-${i}` })));
    await lastValueFrom(client.emit('t.poison', { n: 1 }));
    const dlq = await waitFor(() => redis.xrange(keys.deadLetter('fixture-poison'), '-', '+'), (l) => l.length >= 1, 15_000, 'dead letter');
    await new Promise((r) => setTimeout(r, 600)); // no further attempts after burying
    expect(dlq).toHaveLength(1);
    const [, flat] = dlq[0];
    const fields: Record<string, string> = {};
    for (let i = 0; i < flat.length; i += 2) fields[flat[i]] = flat[i + 1];
    expect(fields.stream).toBe(keys.events('fixture-poison', 't.poison'));
    expect(fields.pattern).toBe('t.poison');
    expect(JSON.parse(fields.headers)).toMatchObject({ 'x-caller': 'test' });
    // What an operator needs to diagnose, never the (sealed) body.
    expect(Object.keys(fields).sort()).toEqual(['deliveries', 'entryId', 'error', 'failedAt', 'headers', 'id', 'pattern', 'stream']);
    expect(fields.deliveries).toBe('3');
    expect(fields.error).toContain('poison 1 cannot be digested');
    expect(await redis.get(`${PREFIX}poison-attempts:1`)).toBe('3');
    const [pending] = (await redis.xpending(keys.events('fixture-poison', 't.poison'), 'fixture-poison')) as [number];
    expect(pending).toBe(0);
  });
});

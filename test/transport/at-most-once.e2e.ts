// A request runs at most once: a request reclaimed from a killed replica is dropped, never run
// again; callers waiting on a killed replica hear `unavailable` within seconds; no caller timeout
// can reach the reclaim idle time.
import pg from 'pg';
import { Redis } from 'ioredis';
import { RedisStreamsClient, StreamRecord, TransportKeys } from '#libs/transport';
import { settle, startReplica, stopAllReplicas, stopReplica, unique, waitFor } from './helpers.js';

const PREFIX = `${unique('am')}:`;
const TABLE = `transport_rows_am_${process.pid}`;
const keys = new TransportKeys(PREFIX);

describe('transport: at most once, and fast failure when a replica dies', () => {
  let db: pg.Client;
  let redis: Redis;
  const clients: RedisStreamsClient[] = [];
  const makeClient = (service: string, extra: Partial<ConstructorParameters<typeof RedisStreamsClient>[0]> = {}) => {
    const c = new RedisStreamsClient({ url: process.env.TEST_REDIS_URL!, service, caller: 'test', prefix: PREFIX, ...extra });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    db = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
    await db.query(`CREATE TABLE ${TABLE} (id serial PRIMARY KEY, key text NOT NULL, replica text NOT NULL)`);
    redis = new Redis(process.env.TEST_REDIS_URL!);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await stopAllReplicas();
    await db?.query(`DROP TABLE IF EXISTS ${TABLE}`).catch(() => undefined);
    await db?.end();
    redis?.disconnect();
  });

  it('refuses a caller timeout at or above the reclaim idle time', () => {
    expect(() => new RedisStreamsClient({ url: process.env.TEST_REDIS_URL!, service: 'x', caller: 'test', timeoutMs: 30_000 }))
      .toThrow(/must stay below the reclaim idle time 30000 ms/);
    expect(() => new RedisStreamsClient({ url: process.env.TEST_REDIS_URL!, service: 'x', caller: 'test', timeoutMs: 4_000, reclaimIdleMs: 3_000 }))
      .toThrow(/reclaim idle time/);
  });

  it('tells the caller of a killed replica within seconds, and the survivor never runs the request again', async () => {
    const service = 'fixture-kill';
    const env = { SERVICE: service, PREFIX, ROWS_TABLE: TABLE, MIN_IDLE_MS: '3000' };
    const doomed = await startReplica({ ...env, REPLICA_ID: 'kill-1' });
    const client = makeClient(service, { reclaimIdleMs: 3_000, timeoutMs: 2_900 });
    const long = makeClient(service, { timeoutMs: 20_000 }); // long: the watch or the survivor must answer, not the timer
    const calls = [
      settle(client.send('t.slow-insert', { key: 'short-timeout', ms: 8_000 })),
      settle(long.send('t.slow-insert', { key: 'long-timeout', ms: 8_000 })),
    ];
    await waitFor(() => redis.llen(`${PREFIX}started:long-timeout`), (n) => n === 1, 5_000, 'handler started');
    const survivor = await startReplica({ ...env, REPLICA_ID: 'kill-2' });
    const killedAt = Date.now();
    await stopReplica(doomed, 'SIGKILL');
    const [short, late] = await Promise.all(calls);
    const heard = Date.now() - killedAt;
    expect(short).toMatchObject({ ok: false, error: { kind: expect.stringMatching(/timeout|unavailable/) } });
    // Told by the client's replica watch (heartbeat stopped) or by the survivor that reclaimed it, whichever is first.
    expect(late).toMatchObject({ ok: false, error: { kind: 'unavailable', code: 'transport.replica_lost', message: expect.stringContaining('replica handling t.slow-insert stopped') } });
    expect(heard).toBeLessThan(8_000); // far below the 20 s timeout
    // The survivor reclaims both entries after 3 s idle and drops them: nothing runs twice.
    await waitFor(() => redis.xlen(keys.requests(service)), (n) => n === 0, 10_000, 'entries dropped');
    await new Promise((r) => setTimeout(r, 500));
    expect(await redis.lrange(`${PREFIX}started:long-timeout`, 0, -1)).toEqual(['kill-1']);
    expect(await redis.lrange(`${PREFIX}started:short-timeout`, 0, -1)).toEqual(['kill-1']);
    expect((await db.query(`SELECT count(*)::int AS n FROM ${TABLE}`)).rows[0].n).toBe(0);
    const [pending] = (await redis.xpending(keys.requests(service), service)) as [number];
    expect(pending).toBe(0);
    // And the survivor serves new requests.
    expect(await settle(client.send('t.slow-insert', new StreamRecord({ key: 'after', ms: 1 })))).toMatchObject({ ok: true, value: { replica: 'kill-2' } });
    await stopReplica(survivor);
  }, 60_000);

  it('lets a gracefully stopping replica finish what it holds (no early unavailable)', async () => {
    const service = 'fixture-graceful';
    const replica = await startReplica({ SERVICE: service, PREFIX, REPLICA_ID: 'grace-1', ROWS_TABLE: TABLE });
    const client = makeClient(service);
    const call = settle(client.send('t.slow-insert', { key: 'graceful', ms: 2_500 }));
    await waitFor(() => redis.llen(`${PREFIX}started:graceful`), (n) => n === 1, 5_000, 'handler started');
    await stopReplica(replica, 'SIGTERM');
    expect(await call).toMatchObject({ ok: true, value: { key: 'graceful', replica: 'grace-1' } });
  });
});

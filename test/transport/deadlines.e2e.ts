// Deadlines and fail-fast: expired requests never run; no live replica → unavailable at once;
// a slow handler → timeout.
import { Redis } from 'ioredis';
import pg from 'pg';
import { RedisStreamsClient, StreamRecord, TransportKeys } from '#libs/transport';
import { settle, startReplica, stopAllReplicas, stopReplica, unique, waitFor } from './helpers.js';

const PREFIX = `${unique('dl')}:`;
const SERVICE = 'fixture-deadline';
const TABLE = `transport_rows_dl_${process.pid}`;

describe('transport deadlines and availability', () => {
  let db: pg.Client;
  const clients: RedisStreamsClient[] = [];
  const makeClient = (service: string) => {
    const c = new RedisStreamsClient({ url: process.env.TEST_REDIS_URL!, service, caller: 'test', prefix: PREFIX });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    db = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
    await db.query(`CREATE TABLE ${TABLE} (id serial PRIMARY KEY, key text NOT NULL, replica text NOT NULL)`);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await stopAllReplicas();
    await db?.query(`DROP TABLE IF EXISTS ${TABLE}`).catch(() => undefined);
    await db?.end();
  });

  it('never runs a request whose deadline passed while it waited', async () => {
    const replica = await startReplica({ SERVICE, PREFIX, REPLICA_ID: 'dl-1', ROWS_TABLE: TABLE, CONCURRENCY: '1' });
    const client = makeClient(SERVICE);
    const busy = settle(client.send('t.sleep', { ms: 3000 }));
    // The only slot is taken once the replica has read the sleep (it is pending in the group).
    const redis = new Redis(process.env.TEST_REDIS_URL!);
    await waitFor(() => redis.xpending(new TransportKeys(PREFIX).requests(SERVICE), SERVICE) as Promise<[number]>, (p) => Number(p[0]) >= 1, 5000, 'the sleep picked up');
    redis.disconnect();
    const started = Date.now();
    const late = await settle(client.send('t.insert', new StreamRecord({ key: 'late' }, {}, { timeoutMs: 300 })));
    const waited = Date.now() - started;
    expect(late).toEqual({ ok: false, error: expect.objectContaining({ kind: 'timeout' }) });
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(2000); // far before the sleep ends: it did not wait for the slot
    expect((await busy).ok).toBe(true);
    // The service is free again: a fresh request runs, the expired one never did.
    expect((await settle(client.send('t.insert', { key: 'fresh' }))).ok).toBe(true);
    const rows = await db.query(`SELECT key FROM ${TABLE} ORDER BY id`);
    expect(rows.rows.map((r) => r.key)).toEqual(['fresh']);
    await stopReplica(replica);
  });

  it('fails fast with unavailable when no replica of the service is alive', async () => {
    const client = makeClient('fixture-nobody');
    await client.connect();
    const started = Date.now();
    const r = await settle(client.send('t.sleep', { ms: 1 }));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(r).toEqual({ ok: false, error: { kind: 'unavailable', message: 'fixture-nobody is unavailable' } });
  });

  it('fails fast right after the last replica stopped gracefully', async () => {
    const replica = await startReplica({ SERVICE: 'fixture-leaving', PREFIX, REPLICA_ID: 'leave-1' });
    const client = makeClient('fixture-leaving');
    expect((await settle(client.send('t.sleep', { ms: 1 }))).ok).toBe(true);
    await stopReplica(replica);
    await new Promise((r) => setTimeout(r, 600)); // client liveness cache
    const started = Date.now();
    const r = await settle(client.send('t.sleep', { ms: 1 }));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(r).toEqual({ ok: false, error: { kind: 'unavailable', message: 'fixture-leaving is unavailable' } });
  });

  it('gives timeout when the handler is too slow', async () => {
    await startReplica({ SERVICE: 'fixture-slow', PREFIX, REPLICA_ID: 'slow-1' });
    const client = makeClient('fixture-slow');
    const started = Date.now();
    const r = await settle(client.send('t.sleep', new StreamRecord({ ms: 2000 }, {}, { timeoutMs: 300 })));
    const waited = Date.now() - started;
    expect(r).toEqual({ ok: false, error: { kind: 'timeout', message: 't.sleep timed out after 300 ms' } });
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(1000);
  });
});

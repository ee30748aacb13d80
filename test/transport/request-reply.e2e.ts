// Requests over the Redis Streams transport: load-balanced across replicas, exactly one
// handler per request, replies to the calling instance, errors as WireError.
import { Redis } from 'ioredis';
import pg from 'pg';
import { Header } from '#libs/contracts';
import { RawJson, RedisStreamsClient, StreamRecord, TransportKeys } from '#libs/transport';
import { firstValueFrom } from 'rxjs';
import { type Replica, settle, startReplica, stopAllReplicas, unique, waitFor } from './helpers.js';

const PREFIX = `${unique('rr')}:`;
const SERVICE = 'fixture-rr';
const TABLE = `transport_rows_rr_${process.pid}`;

describe('transport request/reply (3 replicas)', () => {
  let db: pg.Client;
  let redis: Redis;
  let client: RedisStreamsClient;
  let replicas: Replica[] = [];

  beforeAll(async () => {
    db = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
    await db.query(`CREATE TABLE ${TABLE} (id serial PRIMARY KEY, key text NOT NULL, replica text NOT NULL)`);
    redis = new Redis(process.env.TEST_REDIS_URL!);
    replicas = await Promise.all([1, 2, 3].map((i) =>
      startReplica({ SERVICE, PREFIX, REPLICA_ID: `rr-${i}`, ROWS_TABLE: TABLE })));
    client = new RedisStreamsClient({ url: process.env.TEST_REDIS_URL!, service: SERVICE, caller: 'test', prefix: PREFIX });
    await client.connect();
  });

  afterAll(async () => {
    await client?.close();
    await stopAllReplicas();
    await db?.query(`DROP TABLE IF EXISTS ${TABLE}`).catch(() => undefined);
    await db?.end();
    redis?.disconnect();
  });

  it('handles 1,000 concurrent requests exactly once each and replies to each caller', async () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `k${i}`);
    const started = Date.now();
    const results = await Promise.all(keys.map((key) => settle(client.send<{ key: string; replica: string }>('t.insert', { key }))));
    const elapsed = Date.now() - started;
    console.log(`1000 requests over 3 replicas (each inserting a row): ${elapsed} ms`);
    const failures = results.filter((r) => !r.ok);
    expect(failures).toEqual([]);
    expect(results.map((r) => (r.ok ? r.value.key : null))).toEqual(keys);
    const rows = await db.query(`SELECT key, count(*)::int AS n FROM ${TABLE} GROUP BY key`);
    expect(rows.rowCount).toBe(1000);
    expect(rows.rows.every((r) => r.n === 1)).toBe(true);
    const perReplica = await db.query(`SELECT replica, count(*)::int AS n FROM ${TABLE} GROUP BY replica`);
    expect(perReplica.rowCount).toBe(3); // load-balanced: every replica took some
    // everything acknowledged and deleted: nothing left in the request stream
    const stream = new TransportKeys(PREFIX).requests(SERVICE);
    const pending = (await redis.xpending(stream, SERVICE)) as [number, ...unknown[]];
    expect(pending[0]).toBe(0);
    await waitFor(() => redis.xlen(stream), (n) => n === 0, 2_000, 'request stream empty');
  });

  it('ships an already encoded megabyte answer: as its bytes to a caller that asks for them, parsed to others; nothing left behind', async () => {
    const expected = { items: Array.from({ length: 1000 }, (_, i) => ({ i, text: `ünï "${i}"\n`.padEnd(1000, '.') })), replica: 'any' };
    const [raw, parsed] = await Promise.all([
      firstValueFrom(client.send<RawJson>('t.raw', new StreamRecord({ count: 1000 }, {}, { rawJson: true }))),
      firstValueFrom(client.send<typeof expected>('t.raw', { count: 1000 })),
    ]);
    expect(raw).toBeInstanceOf(RawJson);
    expect(raw.bytes.toString()).toBe(JSON.stringify(expected));
    expect(parsed).toEqual(expected);
    const stream = new TransportKeys(PREFIX).requests(SERVICE);
    await waitFor(() => redis.xlen(stream), (n) => n === 0, 2_000, 'request stream empty');
  });

  it('carries headers, caller identity and the session; keeps the request id', async () => {
    const session = { userId: 'urn:authenticateit:user:email:1', roles: [] };
    const r = await settle(client.send('t.whoami', new StreamRecord({ a: 1 }, { [Header.RequestId]: 'req-42', [Header.Session]: JSON.stringify(session) })));
    expect(r.ok).toBe(true);
    const v = (r as { value: any }).value;
    expect(v.data).toEqual({ a: 1 });
    expect(v.pattern).toBe('t.whoami');
    expect(v.headers[Header.RequestId]).toBe('req-42');
    expect(v.headers[Header.Caller]).toBe('test');
    expect(v.session).toEqual(session);
  });

  it('returns a DomainError as its WireError and hides unknown errors', async () => {
    const domain = await settle(client.send('t.domain-error', {}));
    expect(domain).toEqual({ ok: false, error: { kind: 'conflict', message: 'Already there', code: 'test.conflict', details: { field: 'x' } } });
    const crash = await settle(client.send('t.crash', {}));
    expect(crash).toEqual({ ok: false, error: { kind: 'internal', message: 'Internal error' } });
  });

  it('answers a clear error for a pattern no replica handles', async () => {
    const r = await settle(client.send('t.nope', {}));
    expect(r).toEqual({ ok: false, error: { kind: 'unavailable', code: 'transport.unknown_pattern', message: 'fixture-rr has no handler for pattern "t.nope"' } });
  });
});

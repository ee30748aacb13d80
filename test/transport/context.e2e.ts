// The request context travels through inner calls by itself: a handler that calls another
// service passes on the request id and never waits beyond its own caller's deadline.
import { RedisStreamsClient, StreamRecord } from '#libs/transport';
import { Header } from '#libs/contracts';
import { Redis } from 'ioredis';
import { settle, startReplica, stopAllReplicas, unique, waitFor } from './helpers.js';

const PREFIX = `${unique('cx')}:`;

describe('transport request context on inner hops', () => {
  let client: RedisStreamsClient;
  let redis: Redis;

  beforeAll(async () => {
    redis = new Redis(process.env.TEST_REDIS_URL!);
    await startReplica({ SERVICE: 'fixture-inner', PREFIX, REPLICA_ID: 'inner-1' });
    await startReplica({ SERVICE: 'fixture-outer', PREFIX, REPLICA_ID: 'outer-1', RELAY_TO: 'fixture-inner' });
    client = new RedisStreamsClient({ url: process.env.TEST_REDIS_URL!, service: 'fixture-outer', caller: 'test', prefix: PREFIX });
  });

  afterAll(async () => {
    await client?.close();
    await stopAllReplicas();
    redis?.disconnect();
  });

  it('carries the request id to the inner service without the handler passing it', async () => {
    const r = await settle(client.send('t.relay', new StreamRecord({ pattern: 't.whoami', data: { q: 1 } }, { [Header.RequestId]: 'outer-req-7' })));
    expect(r).toMatchObject({ ok: true, value: { answer: { data: { q: 1 }, headers: { [Header.RequestId]: 'outer-req-7', [Header.Caller]: 'fixture-outer' } } } });
  });

  it('keeps the kind of an inner error on the way back (invalid, not found, conflict, unavailable, forbidden)', async () => {
    for (const kind of ['invalid_input', 'not_found', 'conflict', 'unavailable', 'forbidden']) {
      const r = await settle(client.send('t.pass', { pattern: 't.fail', data: { kind } }));
      expect(r).toEqual({ ok: false, error: { kind, message: `failed as ${kind}`, code: `test.${kind}`, details: [{ field: 'x', errors: ['bad'] }] } });
    }
    expect(await settle(client.send('t.pass', { pattern: 't.no-such-pattern', data: {} })))
      .toMatchObject({ ok: false, error: { kind: 'unavailable', code: 'transport.unknown_pattern' } });
    expect(await settle(client.send('t.pass', { pattern: 't.crash', data: {} }))).toEqual({ ok: false, error: { kind: 'internal', message: 'Internal error' } });
  });

  it("bounds the inner call by what is left of the caller's deadline", async () => {
    // The relay asks for 20 s; the outer caller gives 800 ms in all: the inner call ends first, with a timeout.
    const r = await settle(client.send('t.relay', new StreamRecord({ pattern: 't.sleep', data: { ms: 5_000 } }, {}, { timeoutMs: 800 })));
    // Either the relay's bounded inner call or the outer timer answers first: a timeout both ways.
    expect(r.ok ? (r.value as { error: { kind: string } }).error.kind : r.error.kind).toBe('timeout');
    const inner = await waitFor(() => redis.get(`${PREFIX}relay:last`), (v) => v !== null, 5_000, 'relay finished');
    const { error, ms } = JSON.parse(inner!) as { error: { kind: string }; ms: number };
    expect(error.kind).toBe('timeout');
    // Unbounded, the inner call would have its answer after the 5 s sleep; ~800 ms here, with room
    // for a loaded machine's stalls (2.3 s seen once with four jest workers on two cores).
    expect(ms).toBeLessThan(4_000);
  });
});

// Nothing readable rests in Redis: bodies are sealed (AES-256-GCM, key id for rotation); an entry
// that does not open is refused once, dead-lettered without its body, and nothing else breaks.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { lastValueFrom } from 'rxjs';
import { encodeEntry, RedisStreamsClient, Sealer, StreamRecord, TransportKeys } from '#libs/transport';
import { type Replica, settle, startReplica, stopAllReplicas, unique, waitFor } from './helpers.js';

const PREFIX = `${unique('sl')}:`;
const keys = new TransportKeys(PREFIX);
const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const K1 = key('k1');
const K2 = key('k2');
const SECRET = `pw-${randomBytes(6).toString('hex')}`;

/** Every string and stream entry under our prefix, as raw bytes. */
async function everythingStored(redis: Redis): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const k of await redis.keys(`${PREFIX}*`)) {
    const type = await redis.type(k);
    if (type === 'stream') for (const [, fields] of (await redis.xrangeBuffer(k, '-', '+')) as [Buffer, Buffer[]][]) parts.push(...fields);
    if (type === 'hash') parts.push(...Object.values(await redis.hgetallBuffer(k)));
    if (type === 'string') parts.push((await redis.getBuffer(k))!);
    if (type === 'list') parts.push(...await redis.lrangeBuffer(k, 0, -1));
    if (type === 'zset') parts.push(...await redis.zrangeBuffer(k, 0, -1));
  }
  return Buffer.concat(parts);
}

describe('transport sealing', () => {
  let redis: Redis;
  let logs: Replica;
  const clients: RedisStreamsClient[] = [];
  const client = (service: string, spec: string) => {
    const c = new RedisStreamsClient({ url: process.env.TEST_REDIS_URL!, service, caller: 'test', prefix: PREFIX, sealer: Sealer.fromSpec(spec) });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    redis = new Redis(process.env.TEST_REDIS_URL!);
    logs = await startReplica({ SERVICE: 'fixture-seal', PREFIX, REPLICA_ID: 'seal-1', TRANSPORT_SEALING_KEYS: K1 });
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await stopAllReplicas();
    redis?.disconnect();
  });

  it('keeps request bodies sealed in the stream while they wait, and answers through sealed replies', async () => {
    const c = client('fixture-seal', K1);
    const busy = Array.from({ length: 120 }, () => settle(c.send('t.sleep', { ms: 300, password: SECRET })));
    await waitFor(() => redis.xlen(keys.requests('fixture-seal')), (n) => n > 0, 2_000, 'requests waiting');
    expect((await everythingStored(redis)).includes(Buffer.from(SECRET))).toBe(false);
    const answers = await Promise.all(busy);
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    const echoed = await settle(c.send('t.whoami', new StreamRecord({ password: SECRET })));
    expect(echoed).toMatchObject({ ok: true, value: { data: { password: SECRET } } });
  });

  it('refuses a request sealed under an unknown key: the caller hears it at once, a dead letter without body, one log line', async () => {
    const stranger = client('fixture-seal', K2);
    const started = Date.now();
    const refused = await settle(stranger.send('t.whoami', { password: SECRET }));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(refused).toEqual({ ok: false, error: { kind: 'unavailable', code: 'transport.unreadable', message: 'fixture-seal could not open the request' } });
    const dlq = await waitFor(() => redis.xrange(keys.deadLetter('fixture-seal'), '-', '+'), (l) => l.length === 1, 5_000, 'dead letter');
    const flat = dlq[0][1];
    const fields = Object.fromEntries(Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i], flat[2 * i + 1]]));
    expect(fields).toMatchObject({ pattern: 't.whoami', deliveries: '1', stream: keys.requests('fixture-seal') });
    expect(fields.error).toContain('unknown key id "k2"');
    expect(fields).not.toHaveProperty('body');
    expect(logs.output.join('').match(/refused a stream entry/g)).toHaveLength(1);
    // The service goes on serving callers with the right key; nothing is left behind.
    expect(await settle(client('fixture-seal', K1).send('t.sleep', { ms: 1 }))).toMatchObject({ ok: true });
    await waitFor(() => redis.xlen(keys.requests('fixture-seal')), (n) => n === 0, 2_000, 'request stream empty');
  });

  it('dead-letters a tampered event once and keeps handling the next ones', async () => {
    const c = client('fixture-seal', K1);
    await lastValueFrom(c.emit('t.event', { n: 1 }));
    await waitFor(() => redis.llen(`${PREFIX}seen`), (n) => n === 1, 5_000, 'first event');
    const fakeBody = Sealer.fromSpec(K1).seal('another-message-id', Buffer.from('[{"n":2}]')).toString('base64');
    await redis.xadd(keys.events('fixture-seal', 't.event'), '*', ...encodeEntry('forged', [{ id: 'forged', pattern: 't.event', headers: {} }], fakeBody));
    await lastValueFrom(c.emit('t.event', { n: 3 }));
    await waitFor(() => redis.llen(`${PREFIX}seen`), (n) => n === 2, 5_000, 'third event');
    const seen = (await redis.lrange(`${PREFIX}seen`, 0, -1)).map((s) => JSON.parse(s).n);
    expect(seen).toEqual([1, 3]);
    const dlq = await redis.xrange(keys.deadLetter('fixture-seal'), '-', '+');
    expect(dlq.filter(([, f]) => f.includes('forged'))).toHaveLength(1);
    await waitFor(() => redis.xlen(keys.events('fixture-seal', 't.event')), (n) => n === 0, 2_000, 'event stream empty');
  });

  it('rotates keys: a replica knowing both keys opens what either seals', async () => {
    await startReplica({ SERVICE: 'fixture-rotate', PREFIX, REPLICA_ID: 'rot-1', TRANSPORT_SEALING_KEYS: `${K2},${K1}` });
    const before = await settle(client('fixture-rotate', `${K1},${K2}`).send('t.whoami', { n: 1 }));
    const after = await settle(client('fixture-rotate', `${K2},${K1}`).send('t.whoami', { n: 2 }));
    expect([before, after]).toMatchObject([{ ok: true, value: { data: { n: 1 } } }, { ok: true, value: { data: { n: 2 } } }]);
  });
});

// TicketStore against a real Redis: session reads that arrive together go to Redis as one
// script call (SessionReads), and each caller still gets its own session, its TTL slid; a parse
// kept from an earlier read is never answered once Redis holds other bytes or nothing.
import { Redis } from 'ioredis';
import { hashTicket, TicketStore } from '#libs/session';

const REDIS_URL = `${process.env.TEST_REDIS_URL}/6`;
const TTL = 3600;
let redis: Redis;
let store: TicketStore;

const user = (i: number) => `urn:authenticateit:user:email:reads-${i}@example.com`;
const session = (i: number) => ({ userId: user(i), name: `User ${i}`, currentParticipant: '', roles: ['user'], modules: [] });

beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  await redis.flushdb();
  store = new TicketStore(redis, { ttlSeconds: TTL, maxAgeSeconds: 86_400 });
});
afterAll(async () => { await redis.quit(); });

test('reads made together each answer their own session, unknown tickets none', async () => {
  const tickets = await Promise.all(Array.from({ length: 300 }, (_, i) => store.create(session(i))));
  const unknown = '00000000-0000-4000-8000-000000000000';
  const monitor = await redis.monitor();
  const commands: string[] = [];
  // Commands a script runs show with source `lua`: only what the client sent counts.
  monitor.on('monitor', (_time: string, args: string[], source: string) => { if (source !== 'lua') commands.push(String(args[0]).toLowerCase()); });
  const found = await Promise.all([...tickets, unknown].map((t) => store.lookup(t)));
  await new Promise((r) => setTimeout(r, 200)); // MONITOR's lines arrive after the answers
  monitor.disconnect();
  expect(found.slice(0, 300).map((s) => s?.userId)).toEqual(tickets.map((_, i) => user(i)));
  expect(found[300]).toBeNull();
  // 301 reads, at most 256 keys per script call: two calls, no GETEX of its own.
  const scripts = commands.filter((c) => c === 'evalsha' || c === 'eval').length;
  expect(scripts).toBeGreaterThanOrEqual(2);
  expect(scripts).toBeLessThanOrEqual(4); // EVALSHA, and EVAL once if Redis did not know the script yet
  expect(commands.filter((c) => c === 'getex')).toHaveLength(0);
});

test('a read slides the TTL', async () => {
  const ticket = await store.create(session(1000));
  const key = `sess:${hashTicket(ticket)}`;
  await redis.expire(key, 60);
  expect((await store.lookup(ticket))?.userId).toBe(user(1000));
  expect(await redis.ttl(key)).toBeGreaterThan(TTL - 10);
});

test('a changed or ended session is read afresh, never from the kept parse', async () => {
  const ticket = await store.create(session(2000));
  const first = await store.lookup(ticket);
  expect(await store.lookup(ticket)).toBe(first); // the same bytes: the same frozen object
  expect(Object.isFrozen(first)).toBe(true);
  await store.updateAllFor(user(2000), { name: 'Renamed' });
  expect((await store.lookup(ticket))?.name).toBe('Renamed');
  await store.revokeAllFor(user(2000));
  expect(await store.lookup(ticket)).toBeNull();
});

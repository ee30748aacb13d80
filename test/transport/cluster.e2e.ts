// The transport and the session store run unchanged on a Redis Cluster (3 masters, started
// here): one service's keys share a hash slot, different services spread over the nodes.
import pg from 'pg';
import { Cluster } from 'ioredis';
import { lastValueFrom } from 'rxjs';
import { TicketStore } from '#libs/session';
import { RedisStreamsClient, TransportKeys } from '#libs/transport';
import { type LocalCluster, startRedisCluster } from '../support/redis-cluster.js';
import { settle, startReplica, stopAllReplicas, stopReplica, unique, waitFor } from './helpers.js';

const PREFIX = `${unique('cl')}:`;
const TABLE = `transport_rows_cl_${process.pid}`;
const keys = new TransportKeys(PREFIX);

describe('transport and sessions on a Redis Cluster', () => {
  let cluster: LocalCluster;
  let redis: Cluster;
  let db: pg.Client;
  let env: Record<string, string>;
  const clients: RedisStreamsClient[] = [];
  const client = (service?: string) => {
    const c = new RedisStreamsClient({ url: env.REDIS_URL, clusterNodes: cluster.nodes, service, caller: 'test', prefix: PREFIX });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    env = { REDIS_URL: `redis://${cluster.nodes[0]}`, REDIS_CLUSTER_NODES: cluster.nodes.join(','), PREFIX };
    redis = new Cluster(cluster.nodes.map((n) => ({ host: '127.0.0.1', port: Number(n.split(':')[1]) })));
    db = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
    await db.query(`CREATE TABLE ${TABLE} (id serial PRIMARY KEY, key text NOT NULL, replica text NOT NULL)`);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await stopAllReplicas();
    await db?.query(`DROP TABLE IF EXISTS ${TABLE}`).catch(() => undefined);
    await db?.end();
    redis?.disconnect();
    await cluster?.stop();
  });

  it('hashes one service into one slot and different services into different slots', async () => {
    const slot = (key: string) => redis.call('CLUSTER', 'KEYSLOT', key) as Promise<number>;
    const own = await Promise.all([keys.requests('a'), keys.events('a', 't.event'), keys.deadLetter('a'), keys.alive('a'), keys.failures('a')].map(slot));
    expect(new Set(own).size).toBe(1);
    const services = await Promise.all(['identity', 'rewards', 'participants-billing', 'certificates'].map((s) => slot(keys.requests(s))));
    expect(new Set(services).size).toBe(4);
  });

  it('runs each of 300 concurrent requests once over 2 replicas and deletes the entries', async () => {
    await Promise.all([1, 2].map((i) => startReplica({ ...env, SERVICE: 'fixture-cl', REPLICA_ID: `cl-${i}`, ROWS_TABLE: TABLE })));
    const c = client('fixture-cl');
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => settle(c.send('t.insert', { key: `c${i}` }))));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const rows = await db.query(`SELECT replica, count(*)::int AS n FROM ${TABLE} GROUP BY replica`);
    expect(rows.rows.reduce((sum, r) => sum + r.n, 0)).toBe(300);
    expect(rows.rowCount).toBe(2);
    // Entries are deleted once their batch is handled, just after the replies leave (as in request-reply.e2e).
    await waitFor(() => redis.xlen(keys.requests('fixture-cl')), (n) => n === 0, 2_000, 'request stream empty');
  });

  it('delivers each event once to each subscribing service', async () => {
    await startReplica({ ...env, SERVICE: 'fixture-cl-b', REPLICA_ID: 'clb-1' });
    const c = client();
    await Promise.all(Array.from({ length: 100 }, (_, n) => lastValueFrom(c.emit('t.event', { n }))));
    const seen = await waitFor(() => redis.lrange(`${PREFIX}seen`, 0, -1), (l) => l.length >= 200, 15_000, 'events handled');
    await new Promise((r) => setTimeout(r, 300));
    const parsed = (await redis.lrange(`${PREFIX}seen`, 0, -1)).map((s) => JSON.parse(s) as { service: string; n: number });
    expect(seen.length).toBeGreaterThanOrEqual(200);
    for (const service of ['fixture-cl', 'fixture-cl-b']) {
      expect(parsed.filter((p) => p.service === service).map((p) => p.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    }
  });

  it('reclaims a killed replica\'s events and buries poison in the dead-letter stream', async () => {
    const crashEnv = { ...env, SERVICE: 'fixture-cl-crash', MIN_IDLE_MS: '1000', MAX_DELIVERIES: '2' };
    const doomed = await startReplica({ ...crashEnv, REPLICA_ID: 'clc-1', HOLD_EVENTS: '1' });
    const c = client();
    for (let n = 0; n < 3; n++) await lastValueFrom(c.emit('t.hold', { n }));
    await waitFor(() => redis.llen(`${PREFIX}holding:clc-1`), (len) => len === 3, 10_000, 'held');
    await startReplica({ ...crashEnv, REPLICA_ID: 'clc-2' });
    await stopReplica(doomed, 'SIGKILL');
    // Other fixture services subscribe to t.hold too: count what the survivor took over.
    const bySurvivor = async () => (await redis.lrange(`${PREFIX}held-done`, 0, -1)).filter((s) => JSON.parse(s).replica === 'clc-2').length;
    await waitFor(bySurvivor, (n) => n === 3, 15_000, 'reclaimed by the survivor');
    await lastValueFrom(c.emit('t.poison', { n: 7 }));
    const dlq = await waitFor(() => redis.xrange(keys.deadLetter('fixture-cl-crash'), '-', '+'), (l) => l.length >= 1, 15_000, 'dead letter');
    expect(dlq[0][1]).toContain('t.poison');
  });

  it('tells a caller at once when the replica holding its request is killed', async () => {
    const doomed = await startReplica({ ...env, SERVICE: 'fixture-cl-kill', REPLICA_ID: 'clk-1', ROWS_TABLE: TABLE });
    const c = client('fixture-cl-kill');
    const call = settle(c.send('t.slow-insert', { key: 'cluster-kill', ms: 15_000 }));
    await waitFor(() => redis.llen(`${PREFIX}started:cluster-kill`), (n) => n === 1, 5_000, 'started');
    const killedAt = Date.now();
    await stopReplica(doomed, 'SIGKILL');
    expect(await call).toMatchObject({ ok: false, error: { kind: 'unavailable', code: 'transport.replica_lost' } });
    expect(Date.now() - killedAt).toBeLessThan(8_000);
  });

  it('keeps sessions: create, look up, list, revoke all', async () => {
    const store = new TicketStore(redis, { ttlSeconds: 60, maxAgeSeconds: 3600 });
    const userId = `urn:authenticateit:user:email:${unique('cl')}@rewards.test`;
    const base = { userId, name: 'c', currentParticipant: '', roles: ['user'], modules: [] };
    const tickets = await Promise.all([1, 2, 3].map(() => store.create(base)));
    expect((await store.lookup(tickets[0]))?.userId).toBe(userId);
    expect(await store.listFor(userId)).toHaveLength(3);
    expect(await store.revokeAllFor(userId)).toBe(3);
    expect(await Promise.all(tickets.map((t) => store.lookup(t)))).toEqual([null, null, null]);
  });
});

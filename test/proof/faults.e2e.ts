// Proof under faults, every process real:
//  (a) kill -9 one of two replicas of each service during load: every answer correct or a clean
//      503/504, no write executed twice, no event lost;
//  (b) restart Redis (AOF on) during load: tickets issued before stay valid, services reconnect;
//  (c) restart PostgreSQL: requests fail cleanly (JSON, bounded time), then recover by themselves.
import { Redis } from 'ioredis';
import pg from 'pg';
import { http } from '../support/system.js';
import { Load, type Outcome, sleep, timedFetch, unclean, within } from '../support/proof-load.js';
import { restartablePostgres, restartableRedis } from '../support/proof-infra.js';
import { adminTicket, killHard, PROOF_SERVICES, type ProofSystem, serviceCaller, signedInUser, startProofSystem, whenHolding, withTicket } from '../support/proof-system.js';
import { BillingPattern, Events } from '#libs/contracts';
import { TransportKeys } from '#libs/transport';

const run = Date.now().toString(36);
const json = { 'content-type': 'application/json' };
const statuses = (os: Outcome[]) => [...new Set(os.map((o) => o.status))].sort();
const keysWith = (os: Outcome[], ok: (s: number) => boolean) => new Set(os.filter((o) => ok(o.status)).map((o) => o.key!));
const brief = (os: Outcome[]) => os.slice(0, 10).map((o) => ({ kind: o.kind, status: o.status, ms: o.ms, body: o.body, error: o.error }));
const randomPrefix = () => String(7_000_000_000 + Math.floor(Math.random() * 999_999_999));

describe('(a) kill -9 of one replica of each service during load', () => {
  let sys: ProofSystem;
  let db: pg.Client;
  let billing: ReturnType<typeof serviceCaller>;
  let redis: Redis;

  beforeAll(async () => {
    sys = await startProofSystem({ replicas: 2 });
    redis = new Redis(sys.env.REDIS_URL);
    db = new pg.Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
    billing = serviceCaller(sys.env.REDIS_URL, 'participants-billing', 8_000);
  }, 300_000);
  afterAll(async () => { redis?.disconnect(); await billing?.close(); await db?.end(); await sys?.stop(); });

  it('answers correctly or 503/504, executes no write twice and loses no event', async () => {
    const url = (path: string) => `${sys.baseUrl}${path}`;
    const ticket = await signedInUser(sys.baseUrl, sys.outboxDir, `fault-user-${run}@rewards.test`);
    const admin = await adminTicket(sys.baseUrl);
    const owner = await billing.call(BillingPattern.ParticipantCreate, { name: `Fault owner ${run}`, company_prefix: randomPrefix() });
    const key = await http(sys.baseUrl, 'POST', '/certificates/api-keys', { headers: withTicket(admin), body: { participant_id: owner.id, name: 'fault' } });
    expect(key.status).toBe(201);
    const CHARGE = 1000n;
    const CREDIT = 10n ** 24n;
    await billing.call(BillingPattern.DepositCredit, { participantId: owner.id, amount: String(CREDIT), idempotencyKey: `credit-${run}` });
    const doomed: string[] = [];
    for (let i = 0; i < 4; i++) doomed.push((await billing.call(BillingPattern.ParticipantCreate, { name: `Doomed ${run} ${i}`, company_prefix: randomPrefix() })).id);

    const load = new Load();
    load.run('create-account', 2, async (n) => {
      const email = `fault-new-${run}-${n}@rewards.test`;
      const a = await timedFetch(url('/identity-service/account'), { method: 'POST', headers: json, body: JSON.stringify({ email, password: 'proof-password-1' }) });
      return { ...a, key: email };
    });
    load.run('profile', 2, () => timedFetch(url('/identity-service/account'), { headers: withTicket(ticket) }));
    load.run('level', 2, () => timedFetch(url('/identity-service/account/level'), { headers: withTicket(ticket) }));
    load.run('create-certificate', 2, async (n) => {
      const code = `FAULT-${run}-${n}`;
      const a = await timedFetch(url('/external/payment-certificate/bulk-create'), {
        method: 'POST', headers: { ...json, 'x-api-key': key.body.key }, body: JSON.stringify([{ code, value: 1 }]),
      });
      return { ...a, key: code };
    });
    // A caller that retries with the same idempotency key until it gets an answer, as internal callers should.
    load.run('charge', 2, async (n) => {
      const idempotencyKey = `charge-${run}-${n}`;
      for (let attempt = 1; ; attempt++) {
        try {
          const body = await billing.call(BillingPattern.DepositCharge, { participantId: owner.id, amount: String(CHARGE), idempotencyKey });
          return { status: 200, body: { ...body, attempt }, key: idempotencyKey };
        } catch (err: any) {
          if (!['timeout', 'unavailable'].includes(err?.kind) || attempt >= 10) return { status: 500, body: err, key: idempotencyKey };
        }
      }
    });

    const deletions: Promise<{ id: string; requestId: string; answers: number[] }>[] = [];
    const deleteParticipant = async (id: string) => {
      const answers: number[] = [];
      for (;;) { // DELETE is idempotent: asking again after a 503/504 gives the same request id
        const res = await http(sys.baseUrl, 'DELETE', `/identity-service/participants/participant/${encodeURIComponent(id)}`, { headers: withTicket(admin) });
        answers.push(res.status);
        if (res.status === 200 || res.status === 202) return { id, requestId: res.body.request_id as string, answers };
        if (answers.length > 10) return { id, requestId: '', answers };
      }
    };

    // Each kill comes right after a deletion was answered, so the killed replica may still hold
    // its participant.deleted event (then a live replica must reclaim it), and once the victim
    // holds requests it has read and not answered.
    let lastKill = 0;
    let heldEvents = 0;
    const heldRequests: number[] = [];
    for (const [i, service] of PROOF_SERVICES.entries()) {
      await sleep(2500);
      const deletion = deleteParticipant(doomed[i]);
      deletions.push(deletion);
      await deletion;
      const victim = sys.replicas[service][0];
      heldRequests.push((await whenHolding(redis, victim)).length);
      await killHard(victim);
      lastKill = Date.now();
      if (service !== 'participants-billing') {
        heldEvents += (await redis.xpending(new TransportKeys().events(service, Events.ParticipantDeleted), service, '-', '+', 100, victim.id)).length;
      }
    }
    await sleep(12_000);
    await load.stop();
    const deleted = await Promise.all(deletions);

    const summary = load.summary();
    console.log('kill -9 under load:', JSON.stringify(summary), 'deletions:', JSON.stringify(deleted.map((d) => d.answers)), 'requests held at the kills:', JSON.stringify(heldRequests));
    // Every replica was killed while it held requests it had read and not answered.
    expect(Object.fromEntries(PROOF_SERVICES.map((s, i) => [s, heldRequests[i] > 0]))).toEqual(Object.fromEntries(PROOF_SERVICES.map((s) => [s, true])));
    expect(brief(unclean(load.outcomes))).toEqual([]);
    for (const kind of ['create-account', 'profile', 'level', 'create-certificate']) {
      const os = load.of(kind);
      expect(os.filter((o) => o.status === 200).length).toBeGreaterThan(3);
      expect({ kind, statuses: statuses(os).filter((s) => ![200, 503, 504].includes(s)) }).toEqual({ kind, statuses: [] });
      // Once the killed replicas are gone, the survivors answer everything.
      const late = os.filter((o) => o.startedAt > lastKill + 1000);
      expect(late.length).toBeGreaterThan(0);
      expect({ kind, late: statuses(late) }).toEqual({ kind, late: [200] });
    }
    for (const o of load.of('profile').filter((o) => o.status === 200)) expect(o.body.email).toBe(`fault-user-${run}@rewards.test`);

    // Accounts: one row per 200; a 503/504 may or may not have written (unknown outcome), a refusal never.
    const users = (await db.query(`SELECT email, count(*)::int AS n FROM identity.users WHERE email LIKE $1 GROUP BY email`, [`fault-new-${run}-%`])).rows;
    const accounts = load.of('create-account');
    expect(users.filter((u) => u.n !== 1)).toEqual([]);
    const rowsOf = new Set(users.map((u) => u.email as string));
    expect([...keysWith(accounts, (s) => s === 200)].filter((e) => !rowsOf.has(e))).toEqual([]);
    const mayExist = keysWith(accounts, (s) => s === 200 || s === 503 || s === 504);
    expect([...rowsOf].filter((e) => !mayExist.has(e))).toEqual([]);

    // Payment certificates: the same, by code.
    const certs = (await db.query(`SELECT code, count(*)::int AS n FROM certificates.payment_certificates WHERE code LIKE $1 GROUP BY code`, [`FAULT-${run}-%`])).rows;
    const certAnswers = load.of('create-certificate');
    expect(certs.filter((c) => c.n !== 1)).toEqual([]);
    const certRows = new Set(certs.map((c) => c.code as string));
    expect([...keysWith(certAnswers, (s) => s === 200)].filter((c) => !certRows.has(c))).toEqual([]);
    const certMayExist = keysWith(certAnswers, (s) => s === 200 || s === 503 || s === 504);
    expect([...certRows].filter((c) => !certMayExist.has(c))).toEqual([]);

    // Deposit charges retried with their idempotency key: every one charged exactly once.
    const charges = load.of('charge');
    expect(statuses(charges)).toEqual([200]);
    console.log(`deposit charges: ${charges.length}, answered only after a retry: ${charges.filter((c) => c.body.attempt > 1).length}`);
    const ops = (await db.query(
      `SELECT idempotency_key, count(*)::int AS n FROM participants_billing.deposit_operations WHERE participant_id = $1 AND idempotency_key LIKE $2 GROUP BY idempotency_key`,
      [owner.id, `charge-${run}-%`],
    )).rows;
    expect(ops.length).toBe(charges.length);
    expect(ops.filter((o) => o.n !== 1)).toEqual([]);
    const ledger = (await db.query(`SELECT COALESCE(SUM(amount), 0)::text AS s FROM participants_billing.deposit_ledger WHERE participant_id = $1`, [owner.id])).rows[0].s;
    expect(ledger).toBe(String(CREDIT - CHARGE * BigInt(charges.length)));

    // participant.deleted: acknowledged by identity, rewards and certificates for every deletion,
    // including events held by a killed replica (reclaimed after the transport's idle time).
    expect(deleted.filter((d) => !d.requestId)).toEqual([]);
    const waited = await within(90_000, async () => {
      const views = await Promise.all(deleted.map((d) => billing.call(BillingPattern.ParticipantDeletionStatus, { requestId: d.requestId })));
      return views.every((v) => v.status === 'done');
    }, 'every deletion done');
    console.log(`deletions done ${waited} ms after the load; events held by killed replicas: ${heldEvents}`);
    for (const d of deleted) {
      expect(await billing.call(BillingPattern.ParticipantDeletionStatus, { requestId: d.requestId }))
        .toMatchObject({ status: 'done', acknowledged: ['certificates', 'identity', 'rewards'] });
    }
  }, 240_000);
});

describe('(b) Redis restart (AOF on) during load', () => {
  let sys: ProofSystem;
  let redis: Awaited<ReturnType<typeof restartableRedis>>;

  beforeAll(async () => {
    redis = await restartableRedis();
    sys = await startProofSystem({ env: { REDIS_URL: redis.url } });
  }, 240_000);
  afterAll(async () => { await sys?.stop(); await redis?.stop(); });

  it('keeps sessions issued before, fails cleanly while down, and reconnects by itself', async () => {
    const email = `redis-restart-${run}@rewards.test`;
    const ticket = await signedInUser(sys.baseUrl, sys.outboxDir, email);
    const load = new Load();
    const url = (path: string) => `${sys.baseUrl}${path}`;
    load.run('profile', 2, () => timedFetch(url('/identity-service/account'), { headers: withTicket(ticket) }));
    load.run('check', 1, () => timedFetch(url('/identity-service/account/check'), { method: 'POST', headers: json, body: JSON.stringify({ email }) }));
    await sleep(1500);
    await redis.stop();
    const downAt = Date.now();
    await sleep(3000);
    await redis.start();
    const upAt = Date.now();
    const recovered = await within(30_000, async () => {
      const res = await http(sys.baseUrl, 'GET', '/identity-service/account', { headers: withTicket(ticket) });
      return res.status === 200;
    }, 'profile with the old ticket answers 200 after the restart');
    await sleep(2000);
    await load.stop();
    console.log(`redis restart: recovered ${recovered} ms after Redis was back; ${JSON.stringify(load.summary())}`);

    expect(brief(unclean(load.outcomes))).toEqual([]);
    // While Redis is down the gateway cannot check tickets: 503/504, never 401 (which would sign users out).
    expect(statuses(load.outcomes).filter((s) => ![200, 503, 504].includes(s))).toEqual([]);
    expect(load.outcomes.filter((o) => o.startedAt < downAt && o.status === 200).length).toBeGreaterThan(0);
    // After recovery everything answers again, the old ticket included.
    const after = load.outcomes.filter((o) => o.startedAt > upAt + recovered + 500);
    expect(after.length).toBeGreaterThan(0);
    expect(statuses(after)).toEqual([200]);
    const session = await http(sys.baseUrl, 'GET', '/identity-service/session', { headers: withTicket(ticket) });
    expect(session).toMatchObject({ status: 200, body: { ticket } });
    // Writes over the transport work again too (a new account).
    const created = await http(sys.baseUrl, 'POST', '/identity-service/account', { body: { email: `after-redis-${run}@rewards.test`, password: 'proof-password-1' } });
    expect(created.status).toBe(200);
  }, 120_000);
});

describe('(c) PostgreSQL restart', () => {
  let sys: ProofSystem;
  let postgres: Awaited<ReturnType<typeof restartablePostgres>>;

  beforeAll(async () => {
    postgres = await restartablePostgres();
    sys = await startProofSystem({ env: { DATABASE_URL: postgres.url } });
  }, 240_000);
  afterAll(async () => { await sys?.stop(); await postgres?.stop(); });

  it('fails cleanly while PostgreSQL is down and recovers without restarting services', async () => {
    const email = `pg-restart-${run}@rewards.test`;
    const ticket = await signedInUser(sys.baseUrl, sys.outboxDir, email);
    const load = new Load();
    const url = (path: string) => `${sys.baseUrl}${path}`;
    load.run('profile', 2, () => timedFetch(url('/identity-service/account'), { headers: withTicket(ticket) }));
    load.run('check', 1, () => timedFetch(url('/identity-service/account/check'), { method: 'POST', headers: json, body: JSON.stringify({ email }) }));
    load.run('level', 1, () => timedFetch(url('/identity-service/account/level'), { headers: withTicket(ticket) }));
    await sleep(1500);
    await postgres.stop();
    const downAt = Date.now();
    await sleep(5000);
    await postgres.start();
    const upAt = Date.now();
    const recovered = await within(45_000, async () => {
      const res = await http(sys.baseUrl, 'GET', '/identity-service/account', { headers: withTicket(ticket) });
      return res.status === 200;
    }, 'profile answers 200 after the restart');
    await sleep(2000);
    await load.stop();
    console.log(`postgres restart: recovered ${recovered} ms after Postgres was back; ${JSON.stringify(load.summary())}`);

    // While PostgreSQL is down every answer is a clean JSON error (503), never a 500.
    expect(brief(unclean(load.outcomes))).toEqual([]);
    const during = load.outcomes.filter((o) => o.startedAt > downAt + 500 && o.startedAt < upAt);
    expect(during.some((o) => o.status !== 200)).toBe(true); // the outage was seen
    // Bounded: nothing waits much past the gateway's 10 s request timeout.
    expect(load.outcomes.filter((o) => o.ms > 12_000)).toEqual([]);
    const after = load.outcomes.filter((o) => o.startedAt > upAt + recovered + 500);
    expect(after.length).toBeGreaterThan(0);
    expect(statuses(after)).toEqual([200]);
    for (const replicas of Object.values(sys.replicas)) for (const r of replicas) expect(r.proc.child.exitCode).toBeNull();
  }, 120_000);
});

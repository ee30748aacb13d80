// Proof: a rolling restart of identity (two replicas: SIGTERM one, start a new one, SIGTERM the
// other) under a stream of concurrent requests through the gateway loses no request, and the
// requests a replica holds when it gets SIGTERM are answered.
import { Redis } from 'ioredis';
import { Load, type Outcome, sleep, timedFetch } from '../support/proof-load.js';
import { heldBy, type Replica, signedInUser, startProofSystem, terminate, whenHolding, withTicket, type ProofSystem } from '../support/proof-system.js';

let sys: ProofSystem;
let redis: Redis;
const run = Date.now().toString(36);
const email = `graceful-${run}@rewards.test`;
let ticket: string;

beforeAll(async () => {
  sys = await startProofSystem();
  await sys.addReplica('identity');
  redis = new Redis(sys.env.REDIS_URL);
  ticket = await signedInUser(sys.baseUrl, sys.outboxDir, email);
}, 240_000);
afterAll(async () => { redis?.disconnect(); await sys?.stop(); });

/** Waits until the replica holds requests, then sends SIGTERM; returns what it held and its exit code. */
async function terminateWhileBusy(replica: Replica) {
  const held = await whenHolding(redis, replica);
  const exit = await terminate(replica);
  const leftPending = (await heldBy(redis, replica)).length;
  return { held, exit, leftPending };
}

describe('rolling restart of identity under load', () => {
  it('answers every request (no 5xx, no hang) and finishes the requests held at SIGTERM', async () => {
    const load = new Load();
    const url = (path: string) => `${sys.baseUrl}${path}`;
    const json = { 'content-type': 'application/json' };
    load.run('profile', 4, (n) => timedFetch(url('/identity-service/account'), { headers: { ...withTicket(ticket), 'x-request-id': `profile-${run}-${n}` } }));
    load.run('check', 2, (n) => timedFetch(url('/identity-service/account/check'), {
      method: 'POST', headers: { ...json, 'x-request-id': `check-${run}-${n}` }, body: JSON.stringify({ email }),
    }));
    // Account creation hashes a password: slow enough to be in flight when SIGTERM arrives.
    load.run('create', 3, (n) => timedFetch(url('/identity-service/account'), {
      method: 'POST', headers: { ...json, 'x-request-id': `create-${run}-${n}` },
      body: JSON.stringify({ email: `graceful-new-${run}-${n}@rewards.test`, password: 'proof-password-1' }),
    }));

    await sleep(1500);
    const [first, second] = sys.replicas.identity;
    const a = await terminateWhileBusy(first);
    await sys.addReplica('identity');
    await sleep(1000);
    const b = await terminateWhileBusy(second);
    await sleep(1500);
    await load.stop();

    const failed = (o: Outcome) => o.status !== 200;
    const bad = load.outcomes.filter(failed);
    expect({ bad: bad.slice(0, 5), summary: load.summary() }).toEqual({ bad: [], summary: expect.any(Object) });
    for (const kind of ['profile', 'check', 'create']) expect(load.of(kind).length).toBeGreaterThan(5);

    // Both old replicas exited by themselves (Nest re-raises SIGTERM after its shutdown hooks,
    // so "clean" is code 0 or the signal) well before the 10 s close bound, and acknowledged everything they had read.
    for (const { exit } of [a, b]) {
      expect(exit).toMatchObject({ exited: true });
      expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
      expect(exit.ms).toBeLessThan(10_000);
    }
    expect([a.leftPending, b.leftPending]).toEqual([0, 0]);
    // The requests they held at SIGTERM were answered 200.
    const held = [...a.held, ...b.held];
    console.log(`rolling restart: ${load.outcomes.length} answers, held at SIGTERM ${a.held.length}+${b.held.length}, exits ${a.exit.ms}/${b.exit.ms} ms`);
    expect(held.length).toBeGreaterThan(0);
    const byId = new Map(load.outcomes.map((o) => [o.requestId, o]));
    expect(held.map((id) => [id, byId.get(id)?.status])).toEqual(held.map((id) => [id, 200]));
  }, 120_000);
});

// GET /identity-service/account in one hop: identity answers from its own read models (rewards'
// coins, level info and dashboard; billing's participant summaries), fed by events; a change is
// visible after the feed's next pass (the test prints how long), and the route keeps answering with rewards and billing stopped.
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { RewardsPattern } from '#libs/contracts';
import { sharedSystem } from '../support/shared-system.js';
import { type RunningSystem } from '../support/system.js';
import { activeUser, otherParticipantAdmin, signInSystemAdmin, type SignedIn } from '../support/trust-callers.js';
import { caller, eventually, internalCaller } from './journey-support.js';

jest.setTimeout(120_000);

let sys: RunningSystem;
let call: ReturnType<typeof caller>;
let internal: ReturnType<typeof internalCaller>;

beforeAll(async () => {
  sys = await sharedSystem();
  call = caller(sys);
  internal = internalCaller(sys, 'scanner');
}, 180_000);
afterAll(async () => { await internal?.close(); await sys?.stop(); });

async function earn(userId: string): Promise<bigint> {
  const { claims } = await internal.send<{ claims: { id: string; coins: string }[] }>('rewards', RewardsPattern.Scan, {
    idempotency_key: randomUUID(), user_id: userId, code: `460${Math.floor(Math.random() * 1e10)}`, product_name: 'Tea', event_ts: new Date().toISOString(),
  });
  for (const c of claims) await internal.send('rewards', RewardsPattern.ClaimDecide, { idempotency_key: randomUUID(), user_id: userId, claim_id: c.id, status: 'approved' });
  return claims.reduce((sum, c) => sum + BigInt(c.coins), 0n);
}

describe('GET /account from identity\'s own data', () => {
  let user: SignedIn;
  let brand: SignedIn;

  it('shows coins (18-decimal string), level_info and dashboard_info; a new claim becomes visible', async () => {
    user = await activeUser(sys, 'read-model');
    const first = await eventually(async () => {
      const a = await call('GET', '/identity-service/account', { ticket: user.ticket });
      expect(a.body.level_info).toMatchObject({ level_type: 'basic' });
      return a;
    });
    expect(first.body).toMatchObject({ coins: '0', dashboard_info: { level: 'basic' } });
    const earned = await earn(user.userId);
    const approvedAt = Date.now();
    await eventually(async () => expect((await call('GET', '/identity-service/account', { ticket: user.ticket })).body.coins).toBe(earned.toString()), 5_000);
    // How long is measured, not asserted (tests never assert timings): the feed's pass runs every 250 ms.
    process.stdout.write(`a claim's coins visible in GET /account ${Date.now() - approvedAt} ms after the claim decision\n`);
  });

  it('keeps answering, with the same coins and participant names, while rewards and billing are down', async () => {
    const admin = await signInSystemAdmin(sys);
    brand = await otherParticipantAdmin(sys, admin);
    const before = await call('GET', '/identity-service/account', { ticket: brand.ticket });
    expect(before.body.participants[0]).toMatchObject({ id: brand.currentParticipant, name: expect.any(String), modules: expect.any(Array) });
    const mine = await call('GET', '/identity-service/account', { ticket: user.ticket });
    await sys.processes.rewards.stop();
    await sys.processes['participants-billing'].stop();
    try {
      const without = await call('GET', '/identity-service/account', { ticket: user.ticket });
      expect(without.body).toMatchObject({ coins: mine.body.coins, level_info: mine.body.level_info, dashboard_info: mine.body.dashboard_info });
      const brandWithout = await call('GET', '/identity-service/account', { ticket: brand.ticket });
      expect(brandWithout.body.participants).toEqual(before.body.participants);
    } finally {
      await sys.restart('participants-billing');
      await sys.restart('rewards');
    }
  });
});

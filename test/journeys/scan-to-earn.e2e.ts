// Scan to earn, as the apps and the scan pipeline drive it: a new user is known to rewards before
// any scan (the admin reads and bans work), scans over the message pattern earn claims, approved
// coins show in GET /account and in the admin's users/get, a cashout takes them and its failure
// refunds them exactly once, everywhere.
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { RewardsPattern } from '#libs/contracts';
import { type RunningSystem } from '../support/system.js';
import { sharedSystem } from '../support/shared-system.js';
import { activeUser, signInSystemAdmin, type SignedIn } from '../support/trust-callers.js';
import { caller, eventually, internalCaller } from './journey-support.js';

jest.setTimeout(120_000);

let sys: RunningSystem;
let call: ReturnType<typeof caller>;
let scanner: ReturnType<typeof internalCaller>;
let admin: SignedIn;
let user: SignedIn;

beforeAll(async () => {
  sys = await sharedSystem();
  call = caller(sys);
  scanner = internalCaller(sys, 'scanner');
  admin = await signInSystemAdmin(sys);
  user = await activeUser(sys, 'earner');
}, 180_000);
afterAll(async () => { await scanner?.close(); await sys?.stop(); });

const coinsInAccount = async () => (await call('GET', '/identity-service/account', { ticket: user.ticket })).body.coins as string | undefined;
const adminProfile = async () => (await call('POST', '/identity-service/users/get', { ticket: admin.ticket, body: { id: user.userId } })).body;
const balanceOf = (view: { coins?: unknown }) => BigInt(String(view.coins ?? '0'));

describe('scan to earn', () => {
  it('knows the new user before any scan: admin reads answer 200 and a ban can be set and lifted', async () => {
    const body = { id: user.userId };
    await eventually(async () => { await call('POST', '/identity-service/user/scans', { ticket: admin.ticket, body }); });
    for (const path of ['/identity-service/user/timeline', '/identity-service/user/buddies', '/identity-service/user/level', '/user/rewards_ban/get']) {
      await call('POST', path, { ticket: admin.ticket, body });
    }
    await call('POST', '/identity-service/user/rewards', { ticket: admin.ticket, body: { ...body, type: 'approved' } });
    await call('POST', '/user/rewards_ban/set', { ticket: admin.ticket, body: { ...body, reason: 'checking', to: '2999-01-01T00:00:00Z' } });
    await call('POST', '/user/rewards_ban/unset', { ticket: admin.ticket, body });
  });

  it('knows the seeded first admin too: its GET /account carries coins and level_info from identity\'s copy', async () => {
    await call('POST', '/identity-service/user/level', { ticket: admin.ticket, body: { id: admin.userId } });
    const account = await eventually(async () => {
      const a = (await call('GET', '/identity-service/account', { ticket: admin.ticket })).body;
      expect(a).toMatchObject({ coins: '0', level_info: { level_type: expect.any(String) } });
      return a;
    });
    expect(account.participants.map((p: { id: string }) => p.id)).toContain(admin.currentParticipant);
  });

  let earned = 0n;
  it('earns coins by scans; approved claims show in GET /account and in users/get', async () => {
    for (let i = 0; i < 3; i++) {
      const { claims } = await scanner.send<{ claims: { id: string; coins: string }[] }>('rewards', RewardsPattern.Scan, {
        idempotency_key: randomUUID(), user_id: user.userId, code: `460${100000000 + i}`, product_name: `Tea ${i}`, event_ts: new Date().toISOString(),
      });
      for (const c of claims) {
        await scanner.send('rewards', RewardsPattern.ClaimDecide, { idempotency_key: randomUUID(), user_id: user.userId, claim_id: c.id, status: 'approved' });
        earned += BigInt(c.coins);
      }
    }
    expect(earned).toBeGreaterThan(0n);
    await eventually(async () => expect(await coinsInAccount()).toBe(earned.toString()), 5_000);
    await eventually(async () => expect(balanceOf(await adminProfile())).toBe(earned), 5_000);
    const scans = (await call('POST', '/identity-service/user/scans', { ticket: admin.ticket, body: { id: user.userId } })).body;
    expect(JSON.stringify(scans)).toContain('Tea 2');
  });

  it('a cashout takes the coins; its failure refunds them exactly once, in every view', async () => {
    const cashout = await scanner.send<{ transaction_id: string }>('rewards', RewardsPattern.Cashout, {
      idempotency_key: randomUUID(), user_id: user.userId, type: 'erc20', coins: earned.toString(), address: `0x${'ab'.repeat(20)}`,
    });
    await eventually(async () => expect(await coinsInAccount()).toBe('0'), 5_000);
    await eventually(async () => expect(balanceOf(await adminProfile())).toBe(0n), 5_000);
    const failure = `/identity-service/user/transactions/cashouts/${cashout.transaction_id}/failure`;
    await call('PUT', failure, { ticket: admin.ticket, body: { id: user.userId } });
    const again = await call('PUT', failure, { ticket: admin.ticket, body: { id: user.userId }, expect: 409 });
    expect(again.body).toEqual({ error: 'Cashout is already failure' });
    await eventually(async () => expect(await coinsInAccount()).toBe(earned.toString()), 5_000);
    await eventually(async () => expect(balanceOf(await adminProfile())).toBe(earned), 5_000);
    // A while later: still refunded once.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await coinsInAccount()).toBe(earned.toString());
    expect(balanceOf(await adminProfile())).toBe(earned);
  });
});

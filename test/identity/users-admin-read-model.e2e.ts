// The users admin read model end to end: real identity and rewards processes, the changes of
// issue 11 (claims, cashouts and their refund, scans, merges, deletions, sign-ins) made as the
// apps and services make them, and users/get read as the admin reads it. Also measures how long
// after its cause a change is visible, and runs the reconciliation command.
import { jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { firstValueFrom } from 'rxjs';
import { Events, IdentityPattern, type InputResult, RewardsPattern, type UserStatsBatchResult } from '#libs/contracts';
import { RedisStreamsClient } from '#libs/transport';
import { type IdentityHarness, startIdentity } from './identity-process.js';
import { activeUser, signIn, signInAdmin, type SignedIn, unique } from './blocks-support.js';
import { type OAuthStandins, startOAuthStandins } from './oauth-support.js';
import { type RewardsHarness, startRewards, systemSession } from '../rewards/rewards-process.js';

jest.setTimeout(120_000);

const COIN = 10n ** 18n;
const tag = unique();
const PASSWORD = 'read-model-pass-1';
let id: IdentityHarness;
let r: RewardsHarness;
let standins: OAuthStandins;
let admin: SignedIn;
/** Per change: ms from the cause's answer (its commit) until users/get shows it, and how long the cause itself took. */
const latencies: { what: string; ms: number; cause: number }[] = [];

interface Page { count: number; data: Record<string, any>[] }
const key = () => randomUUID();
const profile = (userId: string) => id.call<Record<string, any>>(IdentityPattern.UsersGet, { body: { id: userId } }, admin.session);
const list = (body: Record<string, unknown>) => id.call<Page>(IdentityPattern.UsersGet, { body }, admin.session);
/** The admin list's row of a user, found by the unique last name every user of this suite has. */
const row = async (lastName: string) => (await list({ last_name: lastName, limit: 5 })).data[0];
const coins = (n: bigint) => (n * COIN).toString();

/** Runs the cause, then polls users/get until `visible` holds; records how long that took after the cause answered. */
async function change<T>(what: string, cause: () => Promise<T>, visible: () => Promise<boolean>): Promise<T> {
  const started = Date.now();
  const result = await cause();
  const answered = Date.now();
  for (;;) {
    if (await visible().catch(() => false)) break;
    if (Date.now() - answered > 10_000) throw new Error(`${what}: not visible in users/get after 10 s`);
    await new Promise((done) => setTimeout(done, 5));
  }
  latencies.push({ what, ms: Date.now() - answered, cause: answered - started });
  return result;
}

const scan = (userId: string, day: number) => r.send<InputResult & { claims: { id: string; coins: string }[] }>(RewardsPattern.Scan, {
  idempotency_key: key(), user_id: userId, code: `460${day}${Math.floor(Math.random() * 1e8)}`, event_ts: new Date(Date.UTC(2026, 0, day, 10)).toISOString(),
});
const deposit = (userId: string, n: bigint) => r.send(RewardsPattern.Deposit, { idempotency_key: key(), user_id: userId, coins: coins(n) });

function checkCommand(...args: string[]): Promise<{ code: number; result: { users: number; differences: number; fixed: number; sample: { userId: string; part: string }[] } }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/apps/identity/src/check-user-stats.js', ...args], {
      env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: process.env.TEST_DATABASE_URL!, REDIS_URL: process.env.TEST_REDIS_URL!, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => { out += String(d); });
    child.stderr.on('data', (d) => { out += String(d); });
    child.once('exit', (code) => {
      try { resolve({ code: code ?? -1, result: JSON.parse(out.trim().split('\n').at(-1)!) }); } catch { reject(new Error(`check-user-stats: ${out}`)); }
    });
  });
}

beforeAll(async () => {
  standins = await startOAuthStandins();
  [id, r] = await Promise.all([startIdentity(standins.env), startRewards()]);
  admin = await signInAdmin(id);
});
afterAll(async () => {
  if (latencies.length > 0) {
    const sorted = latencies.map((l) => l.ms).sort((a, b) => a - b);
    process.stdout.write(`\nusers/get read model, cause answered → visible in users/get (ms; the cause's own time in brackets): ${latencies.map((l) => `${l.what} ${l.ms} (${l.cause})`).join('; ')}\n`
      + `  n=${sorted.length} median ${sorted[Math.floor(sorted.length / 2)]} max ${sorted.at(-1)}\n`);
  }
  await r?.stop();
  await id?.stop();
  await standins?.stop();
});

describe('users/get follows rewards and identity', () => {
  it('scans, claims, cashouts and a failure refund, reviews, bans and sign-ins show within a second, exactly', async () => {
    const last = `Earner${tag}`;
    const u = (await activeUser(id, `earner.${tag}@example.com`, PASSWORD, { first_name: 'Earn', last_name: last })).userId;
    const first = await change('scan', () => scan(u, 1), async () => (await row(last)).total_scans === 1);
    expect(first.claims.length).toBeGreaterThan(0);
    const pending = BigInt((await row(last)).total_uncollected_coins);
    expect(pending).toBeGreaterThan(0n);
    await change('scan on another day', () => scan(u, 2), async () => (await row(last)).total_days_with_scans === 2);
    await change('deposit', () => deposit(u, 10n), async () => (await profile(u)).coins === coins(10n));
    const claim = BigInt(first.claims[0].coins);
    await change('claim approved', () => r.send(RewardsPattern.ClaimDecide, { idempotency_key: key(), user_id: u, claim_id: first.claims[0].id, status: 'approved' }),
      async () => (await profile(u)).coins === (10n * COIN + claim).toString());
    const bank = await change('bank cashout', () => r.send<InputResult & { transaction_id: string }>(RewardsPattern.Cashout, {
      idempotency_key: key(), user_id: u, type: 'bank', coins: coins(4n), fee: coins(1n), currency: 'AUD', converted_value: 6.1, converted_usd_value: 4,
      account: { account: '000123', bank: 'Bank', id: `acc-${tag}`, name: 'Earn' },
    }), async () => (await row(last)).total_cashout_transactions === 1);
    await change('erc20 cashout', () => r.send(RewardsPattern.Cashout, { idempotency_key: key(), user_id: u, type: 'erc20', coins: coins(2n), address: `0x${'cd'.repeat(20)}` }),
      async () => (await row(last)).total_erc20_transactions === 1);
    expect(await row(last)).toMatchObject({
      total_balance: (3n * COIN + claim).toString(), total_cashout_value_shping: coins(4n), total_cashout_value_aud: 6.1, total_cashout_value_usd: 4,
      total_linked_bank_accounts: 1, total_erc20_value_shping: coins(2n), total_erc20_accounts: 1,
    });
    await change('cashout failure refund', () => r.call(RewardsPattern.CashoutSetStatus, { params: { cashout_id: bank.transaction_id, status: 'failure' }, body: { id: u } }, { session: systemSession() }),
      async () => (await profile(u)).coins === (8n * COIN + claim).toString());
    expect(await row(last)).toMatchObject({ total_cashout_transactions: 0, total_cashout_value_shping: '0', total_erc20_transactions: 1 });
    await change('review accepted', () => r.send(RewardsPattern.Review, { idempotency_key: key(), user_id: u, ref: `rv-${tag}`, status: 'accepted', ts: '2026-01-10T09:00:00Z' }),
      async () => (await row(last)).total_reviews_accepted === 1);
    const reviewers = await list({ last_name: last, total_reviews_accepted: { date_from: '2026-01-01', date_to: '2026-01-31', value_from: 1 } });
    expect(reviewers.count).toBe(1);
    await change('rewards ban', () => r.call(RewardsPattern.BanSet, { body: { id: u, reason: 'audit', to: '2999-01-01T00-00-00Z' } }, { session: systemSession() }),
      async () => (await row(last)).rewards_ban_status === 'active');
    await change('rewards ban lifted', () => r.call(RewardsPattern.BanUnset, { body: { id: u } }, { session: systemSession() }),
      async () => (await row(last)).rewards_ban_status === 'inactive');
    await id.db.query(`UPDATE identity.user_search SET last_access = now() - interval '5 days' WHERE user_id = $1`, [u]);
    await change('sign-in', () => signIn(id, { email: `earner.${tag}@example.com`, password: PASSWORD }), async () => (await row(last)).total_days_from_last_access === 0);
    expect((await profile(u)).last_access).toMatch(/^\d{4}-\d\d-\d\dT/);

    // Redelivered and stale snapshots of the real path change nothing.
    const events = new RedisStreamsClient({ url: process.env.TEST_REDIS_URL!, caller: 'rewards' });
    const [now] = (await r.send<UserStatsBatchResult>(RewardsPattern.UserStatsBatch, { userIds: [u] })).users;
    const stale = { ...now, version: '1', parts: { coins: { ...now.parts.coins!, total_balance: '1' } } };
    for (const event of [now, now, stale]) await firstValueFrom(events.emit(Events.UserStats, event), { defaultValue: null });
    await new Promise((done) => setTimeout(done, 300));
    expect((await profile(u)).coins).toBe(now.parts.coins!.total_balance);
    expect(BigInt(now.parts.coins!.total_balance)).toBeGreaterThan(8n * COIN + claim); // the accepted review earned too
    // Batches (as rewards sends them): the newest version of each part wins, in any order within
    // or across batches, and a redelivered older batch changes nothing.
    const newer = { ...now, version: String(BigInt(now.version) + 1n), parts: { coins: { ...now.parts.coins!, total_balance: coins(99n) } } };
    for (const users of [[stale, newer, now], [now, stale]]) await firstValueFrom(events.emit(Events.UserStats, { users }), { defaultValue: null });
    await events.close();
    await change('batched snapshot', async () => undefined, async () => (await profile(u)).coins === coins(99n));
    await new Promise((done) => setTimeout(done, 300));
    expect((await profile(u)).coins).toBe(coins(99n));

    const sorted = latencies.map((l) => l.ms).sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(1000);
  });

  it('a merge moves the secondary\'s coins and scans to the primary: the admin sees them once', async () => {
    const last = `Primary${tag}`;
    const primary = await activeUser(id, `primary.${tag}@example.com`, PASSWORD, { first_name: 'Prim', last_name: last });
    await standins.register('facebook', `fb-${tag}`, { id: `77${Date.now()}`, name: `Second Fb${tag}` });
    const fb = await id.call<{ id: string; ticket: string }>(IdentityPattern.AccountOauth, { body: { service: 'facebook', access_token: `fb-${tag}` } });
    await deposit(primary.userId, 2n);
    await scan(fb.id, 3);
    await change('secondary deposit', () => deposit(fb.id, 3n), async () => (await profile(fb.id)).coins === coins(3n) && (await profile(primary.userId)).coins === coins(2n));
    await change('merge', () => id.call(IdentityPattern.MergeCreate, { body: { secondary_ticket: fb.ticket } }, primary.session),
      async () => (await profile(primary.userId)).coins === coins(5n) && (await profile(fb.id)).coins === '0');
    const both = await list({ last_name: `Fb${tag}`, limit: 50 });
    const secondary = both.data.find((u) => u.id === fb.id)!;
    expect(secondary).toMatchObject({ total_balance: '0', total_scans: 0, merge_into: primary.userId });
    expect(await row(last)).toMatchObject({ total_balance: coins(5n), total_scans: 1, linked_fb_flag: 1, linked_email_flag: 1 });
  });

  it('a deleted user leaves users/get, and their buddy loses them', async () => {
    const last = `Friend${tag}`;
    const stays = await activeUser(id, `stays.${tag}@example.com`, PASSWORD, { first_name: 'Stay', last_name: last });
    const leaves = await activeUser(id, `leaves.${tag}@example.com`, PASSWORD, { first_name: 'Leave', last_name: last });
    await change('buddies', () => r.send(RewardsPattern.BuddyInvitationAccepted, { idempotency_key: key(), user_id: stays.userId, buddy_id: leaves.userId }),
      async () => (await list({ last_name: last })).data.every((u) => u.total_buddies === 1));
    await change('account deleted', () => id.call(IdentityPattern.AccountDelete, {}, leaves.session), async () => {
      const page = await list({ last_name: last });
      return page.count === 1 && page.data[0].id === stays.userId && page.data[0].total_buddies === 0;
    });
    expect(await id.fail(IdentityPattern.UsersGet, { body: { id: leaves.userId } }, admin.session)).toMatchObject({ kind: 'not_found' });
  });

  it('the reconciliation command reports a difference, fixes it with --fix, then finds none (exit codes 1, 1, 0)', async () => {
    const last = `Drift${tag}`;
    const u = (await activeUser(id, `drift.${tag}@example.com`, PASSWORD, { first_name: 'Drift', last_name: last })).userId;
    await scan(u, 4);
    await r.send(RewardsPattern.Review, { idempotency_key: key(), user_id: u, ref: `rv-d-${tag}`, status: 'pending', ts: '2026-01-11T09:00:00Z' });
    await change('drift setup', () => deposit(u, 9n), async () => (await profile(u)).coins === coins(9n) && (await row(last)).total_reviews_pending === 1);
    const right = await row(last);
    // A lost event, a bad write and a lost trigger, as drift would look.
    await id.db.query(`UPDATE identity.user_search SET total_balance = 1, total_scans = 999, devices = 7 WHERE user_id = $1`, [u]);
    await id.db.query(`DELETE FROM identity.user_search_days WHERE uid = (SELECT uid FROM identity.user_search WHERE user_id = $1)`, [u]);

    const found = await checkCommand('--users', u);
    expect(found.code).toBe(1);
    expect(found.result).toMatchObject({ users: 1, fixed: 0 });
    expect(found.result.sample.map((d) => d.part).sort()).toEqual(['coins', 'profile', 'reviews', 'scans']);
    expect((await row(last)).total_balance).toBe('1');

    const fixed = await checkCommand('--fix', '--users', u);
    expect(fixed.code).toBe(1);
    expect(fixed.result).toMatchObject({ differences: 4, fixed: 4 });
    expect(await row(last)).toMatchObject({ total_balance: right.total_balance, total_scans: right.total_scans, device: [], total_reviews_pending: 1 });
    const pending = await list({ last_name: last, total_reviews_pending: { date_from: '2026-01-11', date_to: '2026-01-11', value_from: 1 } });
    expect(pending.count).toBe(1);

    const clean = await checkCommand('--users', u);
    expect(clean).toMatchObject({ code: 0, result: { users: 1, differences: 0 } });
  });
});

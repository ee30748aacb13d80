import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { AccountLevelInfo, InputResult, LedgerCheckResult } from '#libs/contracts';
import { eventually, type RewardsHarness, startRewards, systemSession } from './rewards-process.js';

/** As identity announces a new account (user.profile); resolves once rewards has the user. */
async function registered(userId: string, timezoneMin?: number): Promise<void> {
  await r.emit(Events.UserProfile, { userId, registeredAt: new Date().toISOString(), ...(timezoneMin !== undefined ? { timezoneMin } : {}) });
  await eventually(async () => expect(await r.count('SELECT count(*) FROM rewards.users WHERE user_id = $1', [userId])).toBe(1));
}
import { Events, RewardsPattern } from '#libs/contracts';

const COIN = 10n ** 18n;
const admin = () => ({ session: systemSession() });
const user = (name: string) => `urn:authenticateit:user:email:${name}-${randomUUID().slice(0, 8)}@rewards.test`;
const key = () => randomUUID();

let r: RewardsHarness;
beforeAll(async () => { r = await startRewards(); });
afterAll(async () => { await r?.stop(); });

const scan = (userId: string, extra: Record<string, unknown> = {}) => r.send<InputResult & { claims: { id: string; coins: string }[]; banned: boolean; scan_id: string }>(
  RewardsPattern.Scan, { idempotency_key: key(), user_id: userId, code: `460${Math.floor(Math.random() * 1e10)}`, product_name: 'Phone', ...extra });
const balance = async (userId: string) => {
  const row = (await r.db.query('SELECT coins, pending_coins FROM rewards.balances WHERE user_id = $1', [userId])).rows[0];
  return row ? { coins: BigInt(row.coins), pending: BigInt(row.pending_coins) } : { coins: 0n, pending: 0n };
};
const writes = async () => Number((await r.db.query(`SELECT (SELECT count(*) FROM rewards.ledger_entries) + (SELECT count(*) FROM rewards.processed_inputs)
  + (SELECT count(*) FROM rewards.transactions) + (SELECT count(*) FROM rewards.bans) + (SELECT count(*) FROM rewards.timeline) AS n`)).rows[0].n);

describe('scans, claims and the ledger', () => {
  it('makes a pending claim of base × rate; the same message twice changes nothing', async () => {
    const u = user('dup');
    const message = { idempotency_key: key(), user_id: u, code: '4602676004991', product_name: 'Drops', headers: { 'user-agent': 'Shping/1', 'x-real-ip': '46.147.132.179' }, city: 'Izhevsk' };
    const first = await r.send<InputResult & { claims: { id: string; coins: string }[] }>(RewardsPattern.Scan, message);
    const second = await r.send<InputResult & { claims: { coins: string }[] }>(RewardsPattern.Scan, message);
    expect(first.duplicate).toBe(false);
    expect(second).toMatchObject({ duplicate: true, scan_id: first.scan_id });
    expect(first.claims).toEqual([expect.objectContaining({ campaign_id: 'urn:authenticateit:campaign:1', coins: (1n * COIN).toString() })]);
    expect(await r.count('SELECT count(*) FROM rewards.scans WHERE user_id = $1', [u])).toBe(1);
    expect(await r.count('SELECT count(*) FROM rewards.ledger_entries WHERE user_id = $1', [u])).toBe(1);
    expect(await balance(u)).toEqual({ coins: 0n, pending: COIN });

    const scans = await r.call<{ count: number; data: Record<string, unknown>[] }>(RewardsPattern.UserScans, { body: { id: u, limit: 2 } }, admin());
    expect(scans.count).toBe(1);
    expect(scans.data[0]).toMatchObject({ code: '4602676004991', product_name: 'Drops', 'user-agent': 'Shping/1', city: 'Izhevsk', user_id: u, result_type: 'normal' });
    expect(scans.data[0].rewards_actions).toEqual([{ [first.claims[0].id]: { campaign: ['urn:authenticateit:campaign:1'], coins: COIN.toString(), event: 'scan' } }]);
  });

  it('approves a claim: pending coins become coins, once; the timeline and rewards list show it', async () => {
    const u = user('approve');
    const { claims } = await scan(u);
    const decision = { idempotency_key: key(), user_id: u, claim_id: claims[0].id, status: 'approved' };
    await r.send(RewardsPattern.ClaimDecide, decision);
    await r.send(RewardsPattern.ClaimDecide, decision);
    expect(await balance(u)).toEqual({ coins: COIN, pending: 0n });
    expect(await r.count('SELECT count(*) FROM rewards.ledger_entries WHERE user_id = $1', [u])).toBe(2);
    const rewards = await r.call<{ count: number; data: Record<string, unknown>[] }>(RewardsPattern.UserRewards, { body: { id: u, type: 'approved' } }, admin());
    expect(rewards.count).toBe(1);
    expect(rewards.data[0]).toMatchObject({ approved_coins: COIN.toString(), approved_events: ['scan'], campaign_id: 'urn:authenticateit:campaign:1', coin_rate: 1, level: 'basic', user_coin_rate: 1, events: ['scan'] });
    const timeline = await r.call<{ id: string; next: string | null; records: Record<string, unknown>[] }>(RewardsPattern.UserTimeline, { body: { id: u } }, admin());
    expect(timeline.records.map((x) => x.type)).toEqual(['coins', 'scan']);
    expect(timeline.records[0]).toMatchObject({ claim_id: claims[0].id, status: 'approved', coins: COIN.toString(), text: 'Earned from <b>System campaign</b> per scan and view info of <b>Phone</b>.' });
    expect(await r.fail(RewardsPattern.ClaimDecide, { body: {} })).toBeDefined();
    const again = await r.sendFail(RewardsPattern.ClaimDecide, { ...decision, idempotency_key: key(), status: 'rejected' });
    expect(again).toMatchObject({ kind: 'conflict' });
  });

  it('prices claims at the user level: gold scan 5 coins, gold review 60 coins', async () => {
    const u = user('gold');
    await scan(u);
    await r.db.query(`UPDATE rewards.users SET level = 'gold' WHERE user_id = $1`, [u]);
    const { claims } = await scan(u, { event_ts: new Date(Date.now() + 5000).toISOString() });
    expect(claims[0].coins).toBe((5n * COIN).toString());
    const review = await r.send<InputResult & { claim_status: string }>(RewardsPattern.Review, { idempotency_key: key(), user_id: u, ref: 'review-1', status: 'accepted' });
    expect(review.claim_status).toBe('approved');
    expect(await balance(u)).toEqual({ coins: 60n * COIN, pending: 6n * COIN });
    const row = (await r.db.query(`SELECT level, coin_rate, user_coin_rate FROM rewards.claims WHERE id = $1`, [claims[0].id])).rows[0];
    expect(row).toEqual({ level: 'gold', coin_rate: 1, user_coin_rate: 5 });
  });
});

describe('rewards bans', () => {
  it('a manual ban blocks claims until unset; history as the doc', async () => {
    const u = user('ban');
    await scan(u);
    const set = await r.call<Record<string, unknown>>(RewardsPattern.BanSet, { body: { id: u, to: '2099-12-12T12:12:12Z', reason: 'I can' } }, admin());
    expect(set).toMatchObject({ id: `${u}@rewards_ban`, reason: 'I can', rule_id: 'manual', status: 'active', to: '2099-12-12T12:12:12Z', user: u, history: [] });
    const banned = await scan(u, { event_ts: new Date(Date.now() + 10_000).toISOString() });
    expect(banned).toMatchObject({ banned: true, claims: [] });
    expect(await r.count('SELECT count(*) FROM rewards.claims WHERE user_id = $1', [u])).toBe(1);
    const unset = await r.call<Record<string, unknown>>(RewardsPattern.BanUnset, { body: { id: u } }, admin());
    expect(unset).toMatchObject({ status: 'inactive', history: [expect.objectContaining({ rule_id: 'manual', reason: 'I can' })] });
    expect((await scan(u, { event_ts: new Date(Date.now() + 20_000).toISOString() })).claims).toHaveLength(1);
  });

  it('bans automatically for too frequent scans (scan_interval)', async () => {
    const u = user('fast');
    const t = Date.now();
    const a = await scan(u, { event_ts: new Date(t).toISOString() });
    const b = await scan(u, { event_ts: new Date(t + 300).toISOString() });
    expect(b).toMatchObject({ banned: true, claims: [] });
    const status = await r.call<Record<string, unknown>>(RewardsPattern.BanGet, { body: { id: u } }, admin());
    expect(status).toMatchObject({ status: 'active', rule_id: 'scan_interval', reason: 'Too frequent scans.' });
    const row = (await r.db.query('SELECT data FROM rewards.bans WHERE user_id = $1', [u])).rows[0];
    expect(row.data).toEqual({ scans: [a.scan_id, b.scan_id] });
  });
});

describe('transactions and cashouts', () => {
  it('deposits, cashes out, turns a success into a failure once and returns the coins', async () => {
    const u = user('cash');
    await r.send(RewardsPattern.Deposit, { idempotency_key: key(), user_id: u, coins: (100n * COIN).toString(), hash: '0x09acbc55a8945966a514c59c6495a8451f6cc4a9cf9e3a77d9c013c682ce5383' });
    const out = await r.send<InputResult & { transaction_id: string }>(RewardsPattern.Cashout, {
      idempotency_key: key(), user_id: u, type: 'erc20', coins: (40n * COIN).toString(), fee: (5n * COIN).toString(),
      address: '0x1b0b278dDEAe29c4502f3888E6B58367643f9308', coins_wei_rate: 1.7e-10, wei: 68000000000, hash: null,
    });
    expect((await balance(u)).coins).toBe(55n * COIN);
    const history = await r.call<{ id: string; history: Record<string, unknown>[] }>(RewardsPattern.UserTransactions, { body: { id: u } }, admin());
    expect(history.id).toBe(`${u}@transactions_history`);
    expect(history.history.find((h) => h.id === out.transaction_id)).toMatchObject({
      address: '0x1b0b278dDEAe29c4502f3888E6B58367643f9308', coins: (40n * COIN).toString(), fee: (5n * COIN).toString(), profile_coins: (55n * COIN).toString(), status: 'success', wei: 68000000000,
    });
    expect(await r.fail(RewardsPattern.CashoutSetStatus, { params: { cashout_id: out.transaction_id, status: 'success' }, body: { id: u } }, admin())).toMatchObject({ kind: 'invalid_input' });
    await r.call(RewardsPattern.CashoutSetStatus, { params: { cashout_id: out.transaction_id, status: 'failure' }, body: { id: u } }, admin());
    expect((await balance(u)).coins).toBe(100n * COIN);
    expect(await r.fail(RewardsPattern.CashoutSetStatus, { params: { cashout_id: out.transaction_id, status: 'failure' }, body: { id: u } }, admin())).toMatchObject({ kind: 'conflict' });
    expect((await balance(u)).coins).toBe(100n * COIN);
    const byHash = await r.call<{ id: string }[]>(RewardsPattern.TransactionsByHash, { params: { hash: '9acbc55a89' } }, admin());
    expect(byHash.map((x) => x.id)).toEqual([u]);
    expect(await r.fail(RewardsPattern.TransactionsByHash, { params: { hash: '9acbc' } }, admin())).toMatchObject({ kind: 'invalid_input' });
  });

  it('refuses a cashout beyond the balance, writing nothing', async () => {
    const u = user('poor');
    await scan(u);
    const before = await writes();
    expect(await r.sendFail(RewardsPattern.Cashout, { idempotency_key: key(), user_id: u, type: 'erc20', coins: COIN.toString(), address: '0x1b0b278dDEAe29c4502f3888E6B58367643f9308' })).toMatchObject({ kind: 'conflict' });
    expect(await writes()).toBe(before);
  });
});

describe('bad input', () => {
  it('answers invalid_input / not_found and writes nothing', async () => {
    const u = user('bad');
    await scan(u);
    const before = await writes();
    const deposit = (coins: unknown) => r.sendFail(RewardsPattern.Deposit, { idempotency_key: key(), user_id: u, coins });
    for (const coins of [5, '-5', '1.5', '0', '1e18']) expect(await deposit(coins)).toMatchObject({ kind: 'invalid_input' });
    expect(await r.sendFail(RewardsPattern.Scan, { idempotency_key: key(), user_id: 'nobody', code: '1' })).toMatchObject({ kind: 'invalid_input' });
    expect(await r.sendFail(RewardsPattern.Scan, { idempotency_key: key(), user_id: u, code: '1', event_ts: 'yesterday' })).toMatchObject({ kind: 'invalid_input' });
    expect(await r.sendFail(RewardsPattern.Cashout, { idempotency_key: key(), user_id: user('ghost'), type: 'bank', coins: '1', account: { account: '1', bank: 'b', id: 'x', name: 'n' } })).toMatchObject({ kind: 'not_found' });
    expect(await r.fail(RewardsPattern.UserScans, { body: { id: u, from: '2019-01-02T00:00:00Z', to: '2019-01-01T00:00:00Z' } }, admin())).toMatchObject({ kind: 'invalid_input' });
    expect(await r.fail(RewardsPattern.UserRewards, { body: { id: u, type: 'approved', from: '2019-02-30T00:00:00Z' } }, admin())).toMatchObject({ kind: 'invalid_input' });
    expect(await r.fail(RewardsPattern.UserScans, { body: { id: user('ghost') } }, admin())).toMatchObject({ kind: 'not_found' });
    expect(await r.fail(RewardsPattern.BanSet, { body: { id: u, to: 'soon', reason: 'x' } }, admin())).toMatchObject({ kind: 'invalid_input' });
    expect(await r.fail(RewardsPattern.TimelineMessage, { body: { id: u, message: 'hi', type: 'shout' } }, admin())).toMatchObject({ kind: 'invalid_input' });
    expect(await writes()).toBe(before);
  });

  it('refuses callers that are not sys-admins', async () => {
    expect(await r.fail(RewardsPattern.UserScans, { body: { id: user('x') } })).toMatchObject({ kind: 'unauthenticated' });
  });
});

describe('levels', () => {
  it('answers level_info and dashboard_info for GET /account, and the level lists', async () => {
    const u = user('level');
    await scan(u);
    const info = await r.send<AccountLevelInfo>(RewardsPattern.AccountLevelInfo, { userId: u });
    expect(info.level_info).toMatchObject({ level_name: 'Basic', level_type: 'basic', max_percentages: 100, short_description: expect.stringMatching(/^Your Shping Level will be updated in \d+ days\.$/) });
    expect(info.dashboard_info).toMatchObject({ level: 'basic', level_next: 'bronze', type: 'earned', boost: null });
    expect(info.dashboard_info.activities.find((a) => a.id === 'unique_scans')).toEqual({ id: 'unique_scans', max_value: 20, value: 1 });
    const mine = await r.call<Record<string, unknown>[]>(RewardsPattern.LevelMine, {}, { session: { ...systemSession(), userId: u } });
    expect(mine.map((l) => [l.type, l.coin_rate, l.current])).toEqual([['basic', 1, true], ['bronze', 2, false], ['silver', 3, false], ['gold', 5, false], ['platinum', 10, false]]);
    expect(mine[0].todo).toContain('You need to scan 19 new products for the current month to level up!');
    expect(mine[0].scans_left).toBe(19);
    const level = await r.call<Record<string, unknown>>(RewardsPattern.UserLevel, { body: { id: u } }, admin());
    expect(level).toMatchObject({ type: 'basic', name: 'Basic', max_percentages: 100, scans_left: 19 });
    const earnings = await r.call<{ list: { type: string; coins: string }[] }>(RewardsPattern.EarningsMine, {}, { session: { ...systemSession(), userId: u } });
    expect(earnings.list.map((e) => e.type)).toEqual(['scanning_products', 'adding_new', 'writing_reviews', 'editing_product', 'submitting_lifehack']);
  });

  it('recomputes levels at the end of the local month (BullMQ job body), once', async () => {
    const u = user('month');
    await registered(u, 240);
    // Previous local month (UTC+4): 20 unique codes over 12 days, 2 buddies → bronze.
    const now = new Date();
    const local = new Date(now.getTime() + 240 * 60_000);
    const prevStart = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1) - 240 * 60_000;
    for (let i = 0; i < 20; i += 1) {
      const day = i % 12;
      await scan(u, { code: `9000000000${String(i).padStart(3, '0')}`, event_ts: new Date(prevStart + day * 86_400_000 + 3_600_000 + i * 60_000).toISOString() });
    }
    for (const b of ['one', 'two']) {
      await r.send(RewardsPattern.BuddyInvitationAccepted, { idempotency_key: key(), user_id: u, buddy_id: user(b), buddy_first_name: b });
    }
    await r.db.query('UPDATE rewards.users SET level_period = NULL WHERE user_id = $1', [u]);
    const first = await r.call<{ examined: number }>(RewardsPattern.JobRun, { body: { job: 'month-end' } }, admin());
    expect(first.examined).toBeGreaterThanOrEqual(1);
    expect((await r.db.query('SELECT level, previous_level FROM rewards.users WHERE user_id = $1', [u])).rows[0]).toEqual({ level: 'bronze', previous_level: 'basic' });
    const second = await r.call<{ examined: number }>(RewardsPattern.JobRun, { body: { job: 'month-end' } }, admin());
    expect(second.examined).toBe(0);
    const buddies = await r.call<{ data: Record<string, unknown>[]; owner: string; next: null }>(RewardsPattern.UserBuddies, { body: { id: u } }, admin());
    expect(buddies).toMatchObject({ owner: u, next: null, previous: null });
    expect(buddies.data).toHaveLength(2);
    expect(buddies.data[0]).toMatchObject({ level_type: 'basic', level_name: 'Basic', type: 'buddy', coins: '0' });
  });
});

describe('reminders and timeline messages', () => {
  it('records a welcome reminder once and queues a push in the outbox', async () => {
    const u = user('remind');
    await registered(u);
    await r.call(RewardsPattern.JobRun, { body: { job: 'reminders' } }, admin());
    await r.call(RewardsPattern.JobRun, { body: { job: 'reminders' } }, admin());
    const sent = await r.call<{ id: string; reminders: { reminder: string }[] }>(RewardsPattern.UserReminders, { body: { id: u } }, admin());
    expect(sent.id).toBe(`${u}@users_reminders`);
    expect(sent.reminders.map((x) => x.reminder)).toEqual(['welcome_message']);
    expect(await r.count(`SELECT count(*) FROM rewards.outbox WHERE user_id = $1 AND payload->>'reminder' = 'welcome_message'`, [u])).toBe(1);
  });

  it('publishes a message to the timeline and chunks the timeline with next', async () => {
    const u = user('timeline');
    for (let i = 0; i < 11; i += 1) await scan(u, { event_ts: new Date(Date.now() + i * 5000).toISOString() });
    await r.call(RewardsPattern.TimelineMessage, { body: { id: u, message: 'hello', type: 'notification', push_message: 'hi' } }, admin());
    const first = await r.call<{ id: string; next: string; records: Record<string, unknown>[] }>(RewardsPattern.UserTimeline, { body: { id: u } }, admin());
    expect(first.records).toHaveLength(10);
    expect(first.records[0]).toMatchObject({ text: 'hello', type: 'notification' });
    const second = await r.call<{ id: string; next: string | null; records: unknown[] }>(RewardsPattern.UserTimeline, { body: { chunk: first.next } }, admin());
    expect(second).toMatchObject({ id: first.next, next: null });
    expect(second.records).toHaveLength(2);
  });
});

describe('ledger check', () => {
  it('re-derives every balance and finds an injected difference', async () => {
    const clean = await r.call<LedgerCheckResult>(RewardsPattern.LedgerCheck, {}, admin());
    expect(clean.differences).toEqual([]);
    const u = user('tamper');
    await r.send(RewardsPattern.Deposit, { idempotency_key: key(), user_id: u, coins: '7' });
    await r.db.query('UPDATE rewards.balances SET coins = coins + 1 WHERE user_id = $1', [u]);
    const dirty = await r.call<LedgerCheckResult>(RewardsPattern.LedgerCheck, {}, admin());
    expect(dirty.differences).toEqual([{ user_id: u, coins: '8', derived_coins: '7', pending_coins: '0', derived_pending_coins: '0' }]);
    await expect(r.db.query('UPDATE rewards.ledger_entries SET coins_delta = 8 WHERE user_id = $1', [u])).rejects.toThrow(/append-only/);

    const child = spawn(process.execPath, ['dist/apps/rewards/src/check-ledger.js'], { env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: r.databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += String(d); });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(JSON.parse(out).differences).toEqual([expect.objectContaining({ user_id: u })]);
  });
});

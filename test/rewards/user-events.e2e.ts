import { createHash, randomUUID } from 'node:crypto';
import { Events, type InputResult, type LedgerCheckResult, type UserStatsBatchEvent, type UserStatsBatchResult, type UserStatsEvent, type UserStatsValues, RewardsPattern } from '#libs/contracts';
import { eventually, type RewardsHarness, startRewards, systemSession } from './rewards-process.js';
import { type EventTap, tapEvents } from '../support/event-tap.js';

const COIN = 10n ** 18n;
const admin = () => ({ session: systemSession() });
const user = (name: string) => `urn:authenticateit:user:email:${name}-${randomUUID().slice(0, 8)}@rewards.test`;
const key = () => randomUUID();

let r: RewardsHarness;
let tap: EventTap;
beforeAll(async () => {
  tap = await tapEvents(process.env.TEST_REDIS_URL!, [Events.UserStats]);
  r = await startRewards();
});
afterAll(async () => {
  await tap?.stop();
  await r?.stop();
});

const scan = (userId: string, minute: number) => r.send<InputResult & { claims: { id: string; coins: string }[] }>(RewardsPattern.Scan, {
  idempotency_key: key(), user_id: userId, code: `460${minute}${Math.floor(Math.random() * 1e8)}`, product_name: 'Tea',
  event_ts: new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString(), headers: { 'x-real-ip': '10.1.2.3' }, city: 'Perth',
});
const balance = async (userId: string) => {
  const row = (await r.db.query('SELECT coins, pending_coins FROM rewards.balances WHERE user_id = $1', [userId])).rows[0];
  return row ? { coins: BigInt(row.coins), pending: BigInt(row.pending_coins) } : { coins: 0n, pending: 0n };
};
/** user.stats snapshots of one user (from the batched events), oldest first, as identity's consumer group would read them. */
const statsOf = async (userId: string): Promise<UserStatsEvent[]> => {
  return (await tap.events<UserStatsBatchEvent>(Events.UserStats)).flatMap((e) => e.data.users).filter((e) => e.userId === userId);
};
/** The part as identity keeps it: from the snapshot with the highest version that carries it. */
async function latest<P extends keyof UserStatsValues>(userId: string, part: P): Promise<UserStatsValues[P] | undefined> {
  const carrying = (await statsOf(userId)).filter((e) => e.parts[part] !== undefined);
  carrying.sort((a, b) => (BigInt(a.version) < BigInt(b.version) ? -1 : 1));
  return carrying.at(-1)?.parts[part] as UserStatsValues[P] | undefined;
}

describe(Events.UserDeleted, () => {
  it('marks the user deleted (reads and inputs answer 404), drops personal data, archives what accounting keeps; twice changes nothing', async () => {
    const u = user('deleted');
    await scan(u, 1);
    await r.send(RewardsPattern.BuddyInvitationAccepted, { idempotency_key: key(), user_id: u, buddy_id: user('friend') });
    const ledgerBefore = await r.count('SELECT count(*) FROM rewards.ledger_entries WHERE user_id = $1', [u]);
    expect(ledgerBefore).toBe(1);

    const deletedAt = new Date().toISOString();
    const archive = `urn:authenticateit:user:deleted:${createHash('sha256').update(`${u}\n${deletedAt}`).digest('hex').slice(0, 32)}`;
    await r.emit(Events.UserDeleted, { userId: u, deletedAt });
    await eventually(async () => {
      expect((await r.db.query('SELECT deleted_at FROM rewards.users WHERE user_id = $1', [u])).rows[0].deleted_at).not.toBeNull();
    });
    expect(await r.count('SELECT count(*) FROM rewards.timeline WHERE user_id = $1', [u])).toBe(0);
    expect(await r.count('SELECT count(*) FROM rewards.buddies WHERE user_id = $1 OR buddy_id = $1', [u])).toBe(0);
    // The scan and the coins move to the archive id (accounting), anonymised; the user id keeps nothing.
    expect(await r.count('SELECT count(*) FROM rewards.scans WHERE user_id = $1', [u])).toBe(0);
    const record = (await r.db.query('SELECT record FROM rewards.scans WHERE user_id = $1', [archive])).rows[0].record;
    expect(record['x-real-ip']).toBeUndefined();
    expect(record.city).toBeUndefined();
    expect(record.user_id).toBeUndefined();
    expect(await r.count('SELECT count(*) FROM rewards.ledger_entries WHERE user_id = $1', [u])).toBe(ledgerBefore + 1);
    expect((await r.db.query(`SELECT kind FROM rewards.ledger_entries WHERE user_id = $1`, [archive])).rows).toEqual([{ kind: 'deletion_in' }]);
    expect((await r.db.query('SELECT coins::text, pending_coins::text FROM rewards.balances WHERE user_id = $1', [u])).rows[0]).toEqual({ coins: '0', pending_coins: '0' });
    expect((await r.call<LedgerCheckResult>(RewardsPattern.LedgerCheck, {}, admin())).differences).toEqual([]);

    expect(await r.fail(RewardsPattern.UserScans, { body: { id: u } }, admin())).toMatchObject({ kind: 'not_found' });
    expect(await r.fail(RewardsPattern.UserTimeline, { body: { id: u } }, admin())).toMatchObject({ kind: 'not_found' });
    expect(await r.sendFail(RewardsPattern.AccountLevelInfo, { userId: u })).toMatchObject({ kind: 'not_found' });
    const scansBefore = await r.count('SELECT count(*) FROM rewards.scans');
    expect(await r.sendFail(RewardsPattern.Scan, { idempotency_key: key(), user_id: u, code: '4601' })).toMatchObject({ kind: 'not_found' });
    expect(await r.sendFail(RewardsPattern.Deposit, { idempotency_key: key(), user_id: u, coins: '1' })).toMatchObject({ kind: 'not_found' });
    expect(await r.count('SELECT count(*) FROM rewards.scans')).toBe(scansBefore);

    await r.emit(Events.UserDeleted, { userId: u, deletedAt });
    await r.emit(Events.UserDeleted, { userId: u }); // an event of an earlier version (no time) is a no-op too
    await eventually(async () => {
      expect(r.logs()).not.toContain('"level":"error"');
      expect(await r.count(`SELECT count(*) FROM rewards.processed_events WHERE event_key = $1`, [`user.deleted:${u}:${deletedAt}`])).toBe(1);
      expect(await r.count(`SELECT count(*) FROM rewards.processed_events WHERE event_key = $1`, [`user.deleted:${u}`])).toBe(1);
    });
    expect(await r.count('SELECT count(*) FROM rewards.ledger_entries WHERE user_id = $1', [u])).toBe(ledgerBefore + 1);
    expect(await r.count("SELECT count(*) FROM rewards.users WHERE user_id LIKE 'urn:authenticateit:user:deleted:%' AND registered_at IS NOT NULL AND user_id = $1", [archive])).toBe(1);
  });

  it('a returning person (same id, registered after the deletion) starts from nothing and earns again', async () => {
    const u = user('returning');
    await scan(u, 2);
    await r.emit(Events.UserDeleted, { userId: u, deletedAt: new Date().toISOString() });
    await eventually(async () => expect(await r.count('SELECT count(*) FROM rewards.users WHERE user_id = $1 AND deleted_at IS NOT NULL', [u])).toBe(1));
    await new Promise((res) => setTimeout(res, 5));
    await r.emit(Events.UserProfile, { userId: u, registeredAt: new Date().toISOString(), firstName: 'Back' });
    await eventually(async () => expect(await r.count('SELECT count(*) FROM rewards.users WHERE user_id = $1 AND deleted_at IS NULL', [u])).toBe(1));
    expect(await r.count('SELECT count(*) FROM rewards.scans WHERE user_id = $1', [u])).toBe(0);
    expect((await scan(u, 3)).claims.length).toBeGreaterThan(0);
  });
});

describe(Events.UserMerged, () => {
  it('moves balances through ledger transfer entries and scans, claims, buddies, timeline to the primary; once', async () => {
    const primary = user('primary');
    const secondary = user('secondary');
    const friend = user('friend');
    await scan(primary, 1);
    const { claims } = await scan(secondary, 1);
    await scan(secondary, 3);
    await r.send(RewardsPattern.Deposit, { idempotency_key: key(), user_id: secondary, coins: (7n * COIN).toString() });
    await r.send(RewardsPattern.BuddyInvitationAccepted, { idempotency_key: key(), user_id: secondary, buddy_id: friend });
    await r.send(RewardsPattern.BuddyInvitationAccepted, { idempotency_key: key(), user_id: secondary, buddy_id: primary });
    expect(await balance(secondary)).toEqual({ coins: 7n * COIN, pending: 2n * COIN });

    const event = { primaryUserId: primary, secondaryUserId: secondary };
    await r.emit(Events.UserMerged, event);
    await r.emit(Events.UserMerged, event);
    await eventually(async () => {
      expect(await balance(primary)).toEqual({ coins: 7n * COIN, pending: 3n * COIN });
    });
    await eventually(async () => {
      expect(await r.count(`SELECT count(*) FROM rewards.processed_events WHERE event_key LIKE 'user.merged:%' AND event_key LIKE $1`, [`%${secondary}%`])).toBe(1);
    });
    expect(await balance(secondary)).toEqual({ coins: 0n, pending: 0n });
    const transfers = (await r.db.query(`SELECT user_id, kind, coins_delta, pending_delta FROM rewards.ledger_entries WHERE kind LIKE 'merge_%' AND user_id IN ($1, $2) ORDER BY id`, [primary, secondary])).rows;
    expect(transfers).toEqual([
      { user_id: secondary, kind: 'merge_out', coins_delta: (-7n * COIN).toString(), pending_delta: (-2n * COIN).toString() },
      { user_id: primary, kind: 'merge_in', coins_delta: (7n * COIN).toString(), pending_delta: (2n * COIN).toString() },
    ]);
    expect(await r.count('SELECT count(*) FROM rewards.scans WHERE user_id = $1', [primary])).toBe(3);
    expect(await r.count('SELECT count(*) FROM rewards.scans WHERE user_id = $1', [secondary])).toBe(0);
    expect(await r.count('SELECT count(*) FROM rewards.claims WHERE user_id = $1', [primary])).toBe(3);
    expect(await r.count('SELECT count(*) FROM rewards.timeline WHERE user_id = $1', [primary])).toBe(3);
    expect((await r.db.query('SELECT buddy_id FROM rewards.buddies WHERE user_id = $1', [primary])).rows).toEqual([{ buddy_id: friend }]);
    expect((await r.db.query('SELECT buddy_id FROM rewards.buddies WHERE user_id = $1', [friend])).rows).toEqual([{ buddy_id: primary }]);
    expect((await r.db.query('SELECT scans_count, merged_into FROM rewards.users WHERE user_id = $1', [primary])).rows[0]).toEqual({ scans_count: 3, merged_into: null });
    expect(await r.fail(RewardsPattern.UserScans, { body: { id: secondary } }, admin())).toMatchObject({ kind: 'not_found' });

    // A moved pending claim is decided on the primary's balance; the ledger still adds up.
    await r.send(RewardsPattern.ClaimDecide, { idempotency_key: key(), user_id: primary, claim_id: claims[0].id, status: 'approved' });
    expect(await balance(primary)).toEqual({ coins: 8n * COIN, pending: 2n * COIN });
    const check = await r.call<LedgerCheckResult>(RewardsPattern.LedgerCheck, {}, admin());
    expect(check.differences).toEqual([]);

    // Absolute snapshots of both accounts: the admin sees the coins on the primary only.
    await eventually(async () => {
      expect(await latest(primary, 'scans')).toEqual({ total_scans: 3, total_days_with_scans: 1 });
      expect(await latest(primary, 'buddies')).toEqual({ total_buddies: 1 });
      expect(await latest(primary, 'coins')).toMatchObject({ total_balance: (8n * COIN).toString(), total_uncollected_coins: (2n * COIN).toString() });
      expect(await latest(secondary, 'coins')).toMatchObject({ total_balance: '0', total_uncollected_coins: '0' });
      expect(await latest(secondary, 'scans')).toEqual({ total_scans: 0, total_days_with_scans: 0 });
    });
  });
});

describe(Events.UserStats, () => {
  it('emits absolute, versioned snapshots of the parts a change touched: scans, deposits, claim decisions, reviews; levels at month end', async () => {
    const u = user('stats');
    const { claims } = await scan(u, 1);
    await scan(u, 2);
    await eventually(async () => {
      expect(await latest(u, 'scans')).toEqual({ total_scans: 2, total_days_with_scans: 1 });
      expect(await latest(u, 'coins')).toEqual({ total_balance: '0', account_balance: '0', total_uncollected_coins: (2n * COIN).toString(), total_scans_with_uncollected_coins: 2 });
    });
    await r.send(RewardsPattern.Deposit, { idempotency_key: key(), user_id: u, coins: (3n * COIN).toString() });
    await r.send(RewardsPattern.ClaimDecide, { idempotency_key: key(), user_id: u, claim_id: claims[0].id, status: 'approved' });
    await r.send(RewardsPattern.Review, { idempotency_key: key(), user_id: u, ref: `rv-${randomUUID()}`, status: 'pending', ts: '2026-01-05T10:00:00Z' });
    await eventually(async () => {
      // The scan's second claim (1 coin) and the review's claim are still pending; one scan has uncollected coins.
      expect(await latest(u, 'coins')).toMatchObject({
        total_balance: (4n * COIN).toString(), total_uncollected_coins: (await balance(u)).pending.toString(), total_scans_with_uncollected_coins: 1,
      });
      expect((await balance(u)).pending > COIN).toBe(true);
      expect(await latest(u, 'reviews')).toEqual({ total_reviews_pending: { '2026-01-05': 1 }, total_reviews_accepted: {}, total_reviews_rejected: {}, total_reviews_deleted: {} });
    });
    const versions = (await statsOf(u)).map((e) => BigInt(e.version));
    expect(versions).toEqual([...versions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(versions).size).toBe(versions.length);

    const duplicateKey = key();
    await r.send(RewardsPattern.Deposit, { idempotency_key: duplicateKey, user_id: u, coins: '5' });
    await eventually(async () => expect((await latest(u, 'coins'))?.total_balance).toBe((4n * COIN + 5n).toString()));
    const count = (await statsOf(u)).length;
    await r.send(RewardsPattern.Deposit, { idempotency_key: duplicateKey, user_id: u, coins: '5' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await statsOf(u)).length).toBe(count);

    // Month end: 2 unique scans in January do not reach bronze; a user set to silver drops to basic and is announced.
    await r.db.query(`UPDATE rewards.users SET level = 'silver' WHERE user_id = $1`, [u]);
    await r.call(RewardsPattern.JobRun, { body: { job: 'month-end', now: '2026-02-01T12:00:00Z' } }, admin());
    await eventually(async () => {
      expect(await latest(u, 'level')).toEqual({ level: 'basic' });
    });
  });

  it('cashouts and a failure refund, bans, buddies and widgets reach the snapshots', async () => {
    const u = user('cashout');
    const friend = user('buddy');
    await r.send(RewardsPattern.Deposit, { idempotency_key: key(), user_id: u, coins: (10n * COIN).toString() });
    const bank = await r.send<InputResult & { transaction_id: string }>(RewardsPattern.Cashout, {
      idempotency_key: key(), user_id: u, type: 'bank', coins: (4n * COIN).toString(), fee: COIN.toString(), currency: 'AUD', converted_value: 5.5, converted_usd_value: 3.5,
      account: { account: '12345678', bank: 'Bank', id: 'acc-1', name: 'Me' },
    });
    await r.send(RewardsPattern.Cashout, { idempotency_key: key(), user_id: u, type: 'erc20', coins: (2n * COIN).toString(), address: `0x${'ab'.repeat(20)}` });
    await eventually(async () => {
      expect(await latest(u, 'cashouts')).toEqual({
        total_cashout_transactions: 1, total_cashout_value_shping: (4n * COIN).toString(), total_linked_bank_accounts: 1, total_cashout_value_usd: 3.5,
        total_cashout_value_aud: 5.5, total_cashout_value_sgd: 0, total_cashout_value_rub: 0,
        total_erc20_transactions: 1, total_erc20_value_shping: (2n * COIN).toString(), total_erc20_accounts: 1,
      });
      expect((await latest(u, 'coins'))?.total_balance).toBe((3n * COIN).toString());
    });
    await r.call(RewardsPattern.CashoutSetStatus, { params: { cashout_id: bank.transaction_id, status: 'failure' }, body: { id: u } }, admin());
    await eventually(async () => {
      expect((await latest(u, 'coins'))?.total_balance).toBe((8n * COIN).toString());
      expect(await latest(u, 'cashouts')).toMatchObject({ total_cashout_transactions: 0, total_cashout_value_shping: '0', total_erc20_transactions: 1 });
    });

    const ban = await r.call<{ from: string; to: string }>(RewardsPattern.BanSet, { body: { id: u, reason: 'test', to: '2999-01-01T00-00-00Z' } }, admin());
    await eventually(async () => {
      const held = await latest(u, 'ban');
      expect(held?.rewards_ban_to).toBe('2999-01-01T00:00:00.000Z');
      expect(Math.abs(Date.parse(held!.rewards_ban_from!) - Date.parse(ban.from))).toBeLessThan(1000);
    });
    await r.call(RewardsPattern.BanUnset, { body: { id: u } }, admin());
    await eventually(async () => expect(Date.parse((await latest(u, 'ban'))!.rewards_ban_to!)).toBeLessThanOrEqual(Date.now()));

    const invitation = `inv-${randomUUID()}`;
    await r.send(RewardsPattern.BuddyInvitationSent, { idempotency_key: key(), user_id: u, invitation_id: invitation, ts: '2026-01-03T08:00:00Z' });
    await r.send(RewardsPattern.BuddyInvitationAccepted, { idempotency_key: key(), user_id: u, buddy_id: friend, invitation_id: invitation, ts: '2026-01-04T08:00:00Z' });
    await r.send(RewardsPattern.WidgetView, { idempotency_key: key(), user_id: u, widget: 'video' });
    await r.send(RewardsPattern.WidgetView, { idempotency_key: key(), user_id: u, widget: 'minutes' });
    await eventually(async () => {
      expect(await latest(u, 'buddies')).toEqual({ total_buddies: 1 });
      expect(await latest(friend, 'buddies')).toEqual({ total_buddies: 1 });
      expect(await latest(u, 'invitations')).toEqual({ total_buddies_invitations_sent: { '2026-01-03': 1 }, total_buddies_invitations_accepted: { '2026-01-04': 1 }, total_buddies_received_invitations_accepted: {} });
      expect(await latest(friend, 'invitations')).toMatchObject({ total_buddies_received_invitations_accepted: { '2026-01-04': 1 } });
      expect(await latest(u, 'widgets')).toMatchObject({ total_timeline_widget_video: 1, total_timeline_minutes: 1, total_timeline_widget_popup: 0 });
    });

    // The friend deletes the account: u has no buddy left.
    await r.emit(Events.UserDeleted, { userId: friend });
    await eventually(async () => expect(await latest(u, 'buddies')).toEqual({ total_buddies: 0 }));
  });
});

describe(RewardsPattern.UserStatsBatch, () => {
  it('answers every part of each user, newer than any snapshot sent before; unknown users as zeros; bad input refused', async () => {
    const u = user('batch');
    await scan(u, 7);
    await eventually(async () => expect(await latest(u, 'scans')).toMatchObject({ total_scans: 1 }));
    const emitted = (await statsOf(u)).map((e) => BigInt(e.version));
    const ghost = user('ghost');
    const { users } = await r.send<UserStatsBatchResult>(RewardsPattern.UserStatsBatch, { userIds: [u, ghost] });
    expect(users.map((e) => e.userId).sort()).toEqual([u, ghost].sort());
    const mine = users.find((e) => e.userId === u)!;
    expect(BigInt(mine.version) > emitted.reduce((a, b) => (a > b ? a : b))).toBe(true);
    expect(Object.keys(mine.parts).sort()).toEqual(['ban', 'buddies', 'cashouts', 'coins', 'invitations', 'level', 'reviews', 'scans', 'widgets']);
    expect(mine.parts.scans).toEqual({ total_scans: 1, total_days_with_scans: 1 });
    expect(users.find((e) => e.userId === ghost)!.parts.coins).toEqual({ total_balance: '0', account_balance: '0', total_uncollected_coins: '0', total_scans_with_uncollected_coins: 0 });
    const some = await r.send<UserStatsBatchResult>(RewardsPattern.UserStatsBatch, { userIds: [u], parts: ['level'] });
    expect(some.users[0].parts).toEqual({ level: { level: 'basic' } });
    for (const bad of [{}, { userIds: [] }, { userIds: Array.from({ length: 1001 }, (_, i) => `u${i}`) }, { userIds: [u], parts: ['secrets'] }, { userIds: [42] }]) {
      expect(await r.sendFail(RewardsPattern.UserStatsBatch, bad)).toMatchObject({ kind: 'invalid_input' });
    }
  });
});

import { createHash, randomUUID } from 'node:crypto';
import { Events, type InputResult, type LedgerCheckResult, type UserStatsEvent, RewardsPattern } from '#libs/contracts';
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
/** user.stats events for one user, oldest first, as identity's consumer group would read them. */
const statsOf = async (userId: string): Promise<UserStatsEvent[]> => {
  return (await tap.events<UserStatsEvent>(Events.UserStats)).map((e) => e.data).filter((e) => e.userId === userId);
};

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

    await eventually(async () => {
      const events = await statsOf(primary);
      expect(events.some((e) => e.set?.total_scans === 3 && e.set?.total_balance === (7n * COIN).toString() && e.set?.total_buddies === 1)).toBe(true);
      expect(events.at(-1)?.set).toEqual({ total_balance: (8n * COIN).toString(), total_uncollected_coins: (2n * COIN).toString() });
    });
  });
});

describe(Events.UserStats, () => {
  it('emits current scan count and balances after a scan, a deposit and a claim decision; levels at month end', async () => {
    const u = user('stats');
    const { claims } = await scan(u, 1);
    await scan(u, 2);
    await eventually(async () => {
      expect((await statsOf(u)).map((e) => e.set)).toEqual([
        { total_scans: 1, total_balance: '0', total_uncollected_coins: COIN.toString() },
        { total_scans: 2, total_balance: '0', total_uncollected_coins: (2n * COIN).toString() },
      ]);
    });
    await r.send(RewardsPattern.Deposit, { idempotency_key: key(), user_id: u, coins: (3n * COIN).toString() });
    await r.send(RewardsPattern.ClaimDecide, { idempotency_key: key(), user_id: u, claim_id: claims[0].id, status: 'approved' });
    await r.send(RewardsPattern.Review, { idempotency_key: key(), user_id: u, ref: `rv-${randomUUID()}`, status: 'pending' });
    await eventually(async () => {
      const events = await statsOf(u);
      expect(events.some((e) => e.set?.total_balance === (3n * COIN).toString())).toBe(true);
      expect(events.some((e) => e.set?.total_balance === (4n * COIN).toString() && e.set?.total_uncollected_coins === COIN.toString())).toBe(true);
      expect(events.some((e) => e.add?.total_reviews_pending === 1)).toBe(true);
    });
    const duplicateKey = key();
    await r.send(RewardsPattern.Deposit, { idempotency_key: duplicateKey, user_id: u, coins: '5' });
    const count = (await statsOf(u)).length;
    await r.send(RewardsPattern.Deposit, { idempotency_key: duplicateKey, user_id: u, coins: '5' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await statsOf(u)).length).toBe(count);

    // Month end: 2 unique scans in January do not reach bronze; a user set to silver drops to basic and is announced.
    await r.db.query(`UPDATE rewards.users SET level = 'silver' WHERE user_id = $1`, [u]);
    await r.call(RewardsPattern.JobRun, { body: { job: 'month-end', now: '2026-02-01T12:00:00Z' } }, admin());
    await eventually(async () => {
      expect((await statsOf(u)).some((e) => e.set?.level === 'basic')).toBe(true);
    });
  });
});

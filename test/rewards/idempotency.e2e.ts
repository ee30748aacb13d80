// An idempotency key reused with another body answers a conflict and changes nothing; the same
// key with the same body still answers as the first time (real rewards process, real database).
import { randomUUID } from 'node:crypto';
import type { InputResult } from '#libs/contracts';
import { RewardsPattern } from '#libs/contracts';
import { type RewardsHarness, startRewards } from './rewards-process.js';

const COIN = 10n ** 18n;
const user = (name: string) => `urn:authenticateit:user:email:${name}-${randomUUID().slice(0, 8)}@idem.test`;
const key = () => randomUUID();
const TABLES = ['scans', 'claims', 'ledger_entries', 'balances', 'timeline', 'processed_inputs', 'transactions', 'contributions',
  'buddies', 'buddy_invitations', 'widget_views', 'bans', 'users'];

let r: RewardsHarness;
beforeAll(async () => { r = await startRewards(); });
afterAll(async () => { await r?.stop(); });

/** Every row of every table an input writes, as one digest per table. */
async function contents(): Promise<Record<string, string>> {
  const parts = TABLES.map((t) => `(SELECT coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') FROM rewards.${t} x) AS ${t}`);
  return (await r.db.query(`SELECT ${parts.join(', ')}`)).rows[0] as Record<string, string>;
}

/** Sends `first`, then `first` again (same answer, duplicate), then each `other` under the same key (conflict, nothing written). */
async function expectKeyGuarded(pattern: string, first: Record<string, unknown>, others: Record<string, unknown>[]): Promise<InputResult> {
  const answer = await r.send<InputResult>(pattern, first);
  expect(answer.duplicate).toBe(false);
  const again = await r.send<InputResult>(pattern, { ...first });
  expect(again).toEqual({ ...answer, duplicate: true });
  const before = await contents();
  for (const other of others) {
    const refusal = await r.sendFail(pattern, { ...other, idempotency_key: first.idempotency_key });
    expect(refusal).toMatchObject({ kind: 'conflict', code: 'rewards.idempotency_key_reused' });
    expect(refusal.message).toMatch(/idempotency_key was already used with a different request body/);
  }
  expect(await contents()).toEqual(before);
  // The key still answers its first request.
  expect(await r.send<InputResult>(pattern, first)).toEqual({ ...answer, duplicate: true });
  return answer;
}

async function funded(u: string, coins: bigint): Promise<void> {
  await r.send(RewardsPattern.Deposit, { idempotency_key: key(), user_id: u, coins: coins.toString() });
}

describe('idempotency keys reused with another body', () => {
  it('scan: another code, user or product answers conflict; key order and absent optional fields do not matter', async () => {
    const u = user('scan');
    const first = { idempotency_key: key(), user_id: u, code: '4600000000017', product_name: 'Milk', city: 'Perth', headers: { a: '1', b: '2' } };
    await expectKeyGuarded(RewardsPattern.Scan, first, [{ ...first, code: '4600000000024' }, { ...first, user_id: user('other') }, { ...first, city: 'Sydney' }]);
    const reordered = { headers: { b: '2', a: '1' }, city: 'Perth', product_name: 'Milk', code: '4600000000017', user_id: u, idempotency_key: first.idempotency_key, image_url: null };
    expect(await r.send<InputResult>(RewardsPattern.Scan, reordered)).toMatchObject({ duplicate: true });
    // A retry collects its request headers afresh (another IP): still the same scan.
    expect(await r.send<InputResult>(RewardsPattern.Scan, { ...first, headers: { 'x-forwarded-for': '203.0.113.9' } })).toMatchObject({ duplicate: true });
  });

  it('never stores a forwarded credential header with the scan', async () => {
    const u = user('scan-headers');
    const { scan_id: scanId } = await r.send<InputResult & { scan_id: string }>(RewardsPattern.Scan, {
      idempotency_key: key(), user_id: u, code: '4600000000031',
      headers: { 'user-agent': 'app/2', authenticateit_identity_ticket: 'a-live-ticket', authorization: 'Bearer x', cookie: 'sid=1' },
    });
    const [row] = (await r.db.query('SELECT record FROM rewards.scans WHERE id = $1', [scanId])).rows as { record: Record<string, unknown> }[];
    expect(row.record).toMatchObject({ 'user-agent': 'app/2' });
    expect(JSON.stringify(row.record)).not.toMatch(/a-live-ticket|Bearer|sid=1/);
  });

  it('scan in a batch: reused keys among many concurrent scans answer conflict, the rest are written once', async () => {
    const firsts = Array.from({ length: 40 }, (_, i) => ({ idempotency_key: key(), user_id: user(`b${i}`), code: `46000001${i}`, product_name: 'Tea' }));
    await Promise.all(firsts.map((m) => r.send(RewardsPattern.Scan, m)));
    const before = await contents();
    const answers = await Promise.all(firsts.flatMap((m) => [
      r.sendFail(RewardsPattern.Scan, { ...m, code: `${m.code}9` }),
      r.send<InputResult>(RewardsPattern.Scan, m),
    ]));
    answers.forEach((a, i) => expect(a).toMatchObject(i % 2 === 0 ? { kind: 'conflict' } : { duplicate: true }));
    expect(await contents()).toEqual(before);
  });

  it('review, product added/edited, lifehack: another status or ref answers conflict', async () => {
    const u = user('review');
    const review = { idempotency_key: key(), user_id: u, ref: `review-${randomUUID()}`, status: 'pending' };
    const answer = await expectKeyGuarded(RewardsPattern.Review, review, [{ ...review, status: 'accepted' }, { ...review, ref: 'other' }]);
    expect(answer).toMatchObject({ status: 'pending', claim_status: 'pending' });
    expect(await r.count("SELECT count(*) FROM rewards.claims WHERE user_id = $1 AND status = 'pending'", [u])).toBe(1);
    for (const pattern of [RewardsPattern.ProductAdded, RewardsPattern.ProductEdited, RewardsPattern.LifeHack]) {
      const m = { idempotency_key: key(), user_id: u, ref: `c-${randomUUID()}`, status: 'accepted' };
      await expectKeyGuarded(pattern, m, [{ ...m, status: 'rejected' }]);
    }
  });

  it('claim decision: the other decision under the same key answers conflict; the claim keeps the first', async () => {
    const u = user('decide');
    const { claims } = await r.send<InputResult & { claims: { id: string }[] }>(RewardsPattern.Scan, { idempotency_key: key(), user_id: u, code: '4600000000031' });
    const decision = { idempotency_key: key(), user_id: u, claim_id: claims[0].id, status: 'approved' };
    await expectKeyGuarded(RewardsPattern.ClaimDecide, decision, [{ ...decision, status: 'rejected' }]);
    expect((await r.db.query('SELECT status FROM rewards.claims WHERE id = $1', [claims[0].id])).rows[0].status).toBe('approved');
  });

  it('cashout and deposit: another amount answers conflict; the balance moves once', async () => {
    const u = user('cash');
    await funded(u, 100n * COIN);
    const cashout = { idempotency_key: key(), user_id: u, type: 'erc20', coins: (10n * COIN).toString(), address: '0x1b0b278dDEAe29c4502f3888E6B58367643f9308' };
    await expectKeyGuarded(RewardsPattern.Cashout, cashout, [{ ...cashout, coins: (20n * COIN).toString() }, { ...cashout, address: '0x0000000000000000000000000000000000000001' }]);
    const deposit = { idempotency_key: key(), user_id: u, coins: (5n * COIN).toString() };
    await expectKeyGuarded(RewardsPattern.Deposit, deposit, [{ ...deposit, coins: (6n * COIN).toString() }]);
    expect((await r.db.query('SELECT coins FROM rewards.balances WHERE user_id = $1', [u])).rows[0].coins).toBe((95n * COIN).toString());
  });

  it('invitations sent and accepted, widget views: another body answers conflict', async () => {
    const u = user('inviter');
    const sent = { idempotency_key: key(), user_id: u, invitation_id: `inv-${randomUUID()}` };
    await expectKeyGuarded(RewardsPattern.BuddyInvitationSent, sent, [{ ...sent, invitation_id: 'inv-other' }]);
    const accepted = { idempotency_key: key(), user_id: u, invitation_id: sent.invitation_id, buddy_id: user('buddy'), buddy_first_name: 'Ann' };
    await expectKeyGuarded(RewardsPattern.BuddyInvitationAccepted, accepted, [{ ...accepted, buddy_id: user('someone') }, { ...accepted, buddy_first_name: 'Bob' }]);
    const view = { idempotency_key: key(), user_id: u, widget: 'popup' };
    await expectKeyGuarded(RewardsPattern.WidgetView, view, [{ ...view, user_id: user('viewer') }]);
  });

  it('a key used by one kind of input answers conflict for another kind', async () => {
    const u = user('kinds');
    const m = { idempotency_key: key(), user_id: u, ref: `r-${randomUUID()}`, status: 'pending' };
    await r.send(RewardsPattern.Review, m);
    const before = await contents();
    expect(await r.sendFail(RewardsPattern.LifeHack, m)).toMatchObject({ kind: 'conflict' });
    expect(await r.sendFail(RewardsPattern.Scan, { idempotency_key: m.idempotency_key, user_id: u, code: '1' })).toMatchObject({ kind: 'conflict' });
    expect(await contents()).toEqual(before);
  });

  it('keeps a digest with the key, never the body', async () => {
    const u = user('secret');
    const m = { idempotency_key: key(), user_id: u, invitation_id: 'inv-x', buddy_id: user('b'), buddy_first_name: 'Zebedee-Unique' };
    await r.send(RewardsPattern.BuddyInvitationAccepted, m);
    const row = (await r.db.query('SELECT body_digest, result::text AS result FROM rewards.processed_inputs WHERE idempotency_key = $1', [m.idempotency_key])).rows[0];
    expect(row.body_digest).toHaveLength(32);
    expect(row.result).not.toContain('Zebedee');
  });
});

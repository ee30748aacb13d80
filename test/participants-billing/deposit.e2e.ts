import { jest } from '@jest/globals';
import type { ParticipantSummary } from '#libs/contracts';
import { type BillingService, COIN, type StripeStandin, coins, createDatabase, startBilling, startStripeStandin } from './support/harness.js';
import { BillingPattern } from '#libs/contracts';

// Starts real processes: more than jest's default 5 s per hook/test.
jest.setTimeout(90_000);

type Db = Awaited<ReturnType<typeof createDatabase>>;
let db: Db;
let stripe: StripeStandin;
let billing: BillingService;

beforeAll(async () => {
  db = await createDatabase();
  stripe = await startStripeStandin();
  billing = await startBilling(db.url, stripe.base);
});

afterAll(async () => {
  await billing?.stop();
  await stripe?.stop();
  await db?.close();
});

let prefixSeq = 4000000;
const newParticipant = async () =>
  (await billing.call<ParticipantSummary>(BillingPattern.ParticipantCreate, { name: `Depositor ${prefixSeq}`, company_prefix: String(prefixSeq++) })).id;
const deposit = (id: string) => billing.http(BillingPattern.DepositGet, { params: { id } });
const setFee = (id: string, body: unknown) => billing.http(BillingPattern.DepositSetFee, { params: { id }, body });
const credit = (participantId: string, amount: string, idempotencyKey: string) => billing.call(BillingPattern.DepositCredit, { participantId, amount, idempotencyKey });
const charge = (participantId: string, amount: string, idempotencyKey: string) => billing.call(BillingPattern.DepositCharge, { participantId, amount, idempotencyKey });
const ledgerSum = async (id: string) =>
  (await db.query(`SELECT COALESCE(SUM(amount), 0)::text AS s FROM participants_billing.deposit_ledger WHERE participant_id = $1`, [id])).rows[0].s as string;
const snapshot = async (id: string) => ({
  fee: (await db.query(`SELECT type, percent_hundredths, coins::text, source, status, updated_at FROM participants_billing.deposit_fees WHERE participant_id = $1`, [id])).rows,
  topup: (await db.query(`SELECT * FROM participants_billing.deposit_topups WHERE participant_id = $1`, [id])).rows,
  balance: (await db.query(`SELECT coins::text FROM participants_billing.deposit_accounts WHERE participant_id = $1`, [id])).rows,
  ops: (await db.query(`SELECT count(*)::int AS n FROM participants_billing.deposit_operations WHERE participant_id = $1`, [id])).rows[0].n,
});

describe('GET deposit and fee settings', () => {
  it('shows address, coins, fee and top-up like the doc', async () => {
    const id = await newParticipant();
    expect(await deposit(id)).toEqual({ address: expect.stringMatching(/^0x[0-9a-f]{40}$/), coins: '0', fee: null, topup: null, last_topup: null });
    expect(await setFee(id, { type: 'percentages', value: 50, status: 'active', source: 'balance' })).toEqual({
      result: { source: 'balance', status: 'active', ts: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), type: 'percentages', value: 50 }, status: 'ok',
    });
    expect(await setFee(id, { type: 'coins', value: '20000000000000000000', status: 'active', source: 'invoice' })).toEqual({
      result: { source: 'invoice', status: 'active', ts: expect.any(String), type: 'coins', value: '20000000000000000000' }, status: 'ok',
    });
    await billing.call(BillingPattern.DepositSetTopup, {
      participantId: id, amount: 20000, currency: 'aud', frequency: 'weekly', coins_threshold: '20000000000000000000000', minimal_amount: false, status: 'active',
    });
    await credit(id, '10011240999999999999737856', 'first');
    expect(await deposit(id)).toEqual({
      address: expect.any(String), coins: '10011240999999999999737856',
      fee: { source: 'invoice', status: 'active', ts: expect.any(String), type: 'coins', value: '20000000000000000000' },
      topup: { amount: 20000, coins_threshold: '20000000000000000000000', currency: 'aud', frequency: 'weekly', minimal_amount: false, status: 'active' },
      last_topup: null,
    });
    const profile = await billing.http(BillingPattern.ParticipantGet, { params: { id } });
    expect(profile.balance).toMatchObject({ participant_id: id, coins: '10011240999999999999737856', topup: { currency: 'aud' } });
  });

  it('rejects a fee out of range, coins as a number or with decimals, bad enums and an unknown participant, changing nothing', async () => {
    const id = await newParticipant();
    await setFee(id, { type: 'percentages', value: 10, status: 'active', source: 'balance' });
    const before = await snapshot(id);
    const bad = [
      { type: 'percentages', value: 0, status: 'active', source: 'balance' },
      { type: 'percentages', value: -5, status: 'active', source: 'balance' },
      { type: 'percentages', value: 100.5, status: 'active', source: 'balance' },
      { type: 'percentages', value: 101, status: 'active', source: 'balance' },
      { type: 'percentages', value: '50', status: 'active', source: 'balance' },
      { type: 'coins', value: 20000000000000000000, status: 'active', source: 'balance' },
      { type: 'coins', value: 20, status: 'active', source: 'balance' },
      { type: 'coins', value: '20.5', status: 'active', source: 'balance' },
      { type: 'coins', value: '1e18', status: 'active', source: 'balance' },
      { type: 'coins', value: '-1', status: 'active', source: 'balance' },
      { type: 'coins', value: '0', status: 'active', source: 'balance' },
      { type: 'flat', value: '1', status: 'active', source: 'balance' },
      { type: 'coins', value: '1', status: 'on', source: 'balance' },
      { type: 'coins', value: '1', status: 'active', source: 'card' },
      { type: 'coins', status: 'active', source: 'balance' },
      { type: 'coins', value: '1', status: 'active', source: 'balance', extra: true },
    ];
    for (const body of bad) {
      expect(await billing.fails(setFee(id, body))).toMatchObject({ kind: 'invalid_input' });
    }
    expect(await billing.fails(setFee('urn:authenticateit:participant:9999', { type: 'percentages', value: 5, status: 'active', source: 'balance' })))
      .toMatchObject({ kind: 'not_found' });
    expect(await billing.fails(billing.http(BillingPattern.DepositGet, { params: { id: 'urn:authenticateit:participant:9999' } }))).toMatchObject({ kind: 'not_found' });
    expect(await snapshot(id)).toEqual(before);
  });
});

describe('charges from the balance', () => {
  it('applies an active percentage fee from the balance in the same transaction', async () => {
    const id = await newParticipant();
    await credit(id, coins(100), 'c1');
    await setFee(id, { type: 'percentages', value: 50, status: 'active', source: 'balance' });
    expect(await charge(id, coins(10), 'k1')).toEqual({ participantId: id, idempotencyKey: 'k1', amount: coins(10), fee: coins(5), invoiceFee: '0', balance: coins(85) });
    await setFee(id, { type: 'coins', value: coins(20), status: 'active', source: 'invoice' });
    expect(await charge(id, coins(10), 'k2')).toMatchObject({ fee: '0', invoiceFee: coins(20), balance: coins(75) });
    await setFee(id, { type: 'coins', value: coins(20), status: 'inactive', source: 'balance' });
    expect(await charge(id, coins(10), 'k3')).toMatchObject({ fee: '0', invoiceFee: '0', balance: coins(65) });
    expect((await deposit(id)).coins).toBe(coins(65));
    expect(await ledgerSum(id)).toBe(coins(65));
    const entries = (await db.query(`SELECT entry_type, amount::text FROM participants_billing.deposit_ledger WHERE participant_id = $1 ORDER BY id`, [id])).rows;
    expect(entries).toEqual([
      { entry_type: 'credit', amount: coins(100) }, { entry_type: 'charge', amount: `-${coins(10)}` }, { entry_type: 'fee', amount: `-${coins(5)}` },
      { entry_type: 'charge', amount: `-${coins(10)}` }, { entry_type: 'charge', amount: `-${coins(10)}` },
    ]);
  });

  it('is idempotent by key: the same key answers the first result and charges once', async () => {
    const id = await newParticipant();
    await credit(id, coins(10), 'c1');
    const first = await charge(id, coins(3), 'order-1');
    const again = await Promise.all(Array.from({ length: 10 }, () => charge(id, coins(3), 'order-1')));
    for (const a of again) expect(a).toEqual(first);
    expect((await deposit(id)).coins).toBe(coins(7));
    expect(await billing.fails(charge(id, coins(4), 'order-1'))).toMatchObject({ kind: 'conflict', code: 'billing.idempotency_mismatch' });
    const race = await Promise.all(Array.from({ length: 10 }, () => charge(id, coins(1), 'order-2')));
    for (const a of race) expect(a).toEqual(race[0]);
    expect((await deposit(id)).coins).toBe(coins(6));
    expect(await credit(id, coins(10), 'c1')).toMatchObject({ balance: coins(10) }); // first credit's result
    expect((await deposit(id)).coins).toBe(coins(6));
  });

  it('never goes below zero: 100 concurrent charges leave the exact balance, the rest are rejected', async () => {
    const id = await newParticipant();
    await credit(id, coins(1000), 'funds');
    await setFee(id, { type: 'coins', value: coins(2), status: 'active', source: 'balance' });
    const results = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => charge(id, coins(15), `concurrent-${i}`)));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(58); // 58 × 17 = 986 <= 1000 < 59 × 17
    expect(rejected).toHaveLength(42);
    for (const r of rejected) expect(r.reason).toMatchObject({ kind: 'conflict', code: 'billing.insufficient_funds' });
    expect((await deposit(id)).coins).toBe(coins(14));
    expect(await ledgerSum(id)).toBe(coins(14));
    const balances = ok.map((r) => BigInt((r as PromiseFulfilledResult<{ balance: string }>).value.balance)).sort((a, b) => (a < b ? -1 : 1));
    expect(balances[0]).toBe(14n * COIN);
    expect(new Set(balances).size).toBe(58); // each charge saw its own balance: no lost update
  });

  it('rejects bad amounts, unknown participants and overdrafts without writing anything', async () => {
    const id = await newParticipant();
    await credit(id, coins(5), 'c');
    const before = await snapshot(id);
    for (const amount of [5, '5.5', '-1', '0', '', 'abc', '1e18', null]) {
      expect(await billing.fails(billing.call(BillingPattern.DepositCharge, { participantId: id, amount, idempotencyKey: `bad-${String(amount)}` })))
        .toMatchObject({ kind: 'invalid_input' });
    }
    expect(await billing.fails(billing.call(BillingPattern.DepositCharge, { participantId: id, amount: '1' }))).toMatchObject({ kind: 'invalid_input' });
    expect(await billing.fails(charge('urn:authenticateit:participant:9999', '1', 'x'))).toMatchObject({ kind: 'not_found' });
    expect(await billing.fails(charge(id, coins(6), 'too-much'))).toMatchObject({ kind: 'conflict', code: 'billing.insufficient_funds' });
    expect(await billing.fails(credit(id, '1.5', 'c2'))).toMatchObject({ kind: 'invalid_input' });
    // 78 digits fit numeric(78,0) on their own; the balance they would make does not.
    const huge = '9'.repeat(78);
    expect(await billing.fails(credit(id, huge, 'c-huge'))).toMatchObject({ kind: 'invalid_input', details: [{ field: 'amount' }] });
    expect(await billing.fails(credit(id, `1${'0'.repeat(78)}`, 'c-79'))).toMatchObject({ kind: 'invalid_input' });
    expect(await billing.fails(charge(id, huge, 'ch-huge'))).toMatchObject({ kind: 'conflict', code: 'billing.insufficient_funds' });
    expect(await snapshot(id)).toEqual(before);
  });

  it('keeps the ledger append-only', async () => {
    await expect(db.query(`UPDATE participants_billing.deposit_ledger SET amount = 1`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM participants_billing.deposit_ledger`)).rejects.toThrow(/append-only/);
  });
});

import { jest } from '@jest/globals';
import { SYSTEM_PARTICIPANT_ID, type ParticipantSummary, BillingPattern } from '#libs/contracts';
import { type BillingService, type StripeStandin, createDatabase, startBilling, startStripeStandin, userSession } from './support/harness.js';

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

const count = async (table: string) => Number((await db.query(`SELECT count(*)::int AS n FROM participants_billing.${table}`)).rows[0].n);

describe('system participant seed', () => {
  it('exists after the first start, as the doc shows it', async () => {
    const [system] = await billing.call<ParticipantSummary[]>(BillingPattern.ParticipantsSummaries, { ids: [SYSTEM_PARTICIPANT_ID] });
    expect(system).toEqual({
      id: SYSTEM_PARTICIPANT_ID, name: 'Authenticateit Pty Ltd', company_prefix: ['*'], participant_type: ['system'],
      modules: ['todo_cards', 'product360', 'reviews', 'livechat', 'rewards'],
    });
  });

  it('is not created twice when the service starts again on the same database', async () => {
    await billing.stop();
    billing = await startBilling(db.url, stripe.base);
    const rows = await db.query(`SELECT count(*)::int AS n FROM participants_billing.participants WHERE id = $1`, [SYSTEM_PARTICIPANT_ID]);
    expect(rows.rows[0].n).toBe(1);
  });
});

describe('POST /account/participant (registration request)', () => {
  const user = 'urn:authenticateit:user:email:ethertest3@mailinator.com';
  const body = {
    country: '036', company_prefix: '00000000', participant_type: 'product360', name: 'Participant Name',
    brand_name: ['Brand_1', 'Brand_2', 'Brand_3'], pending_plan: 'complete', gs1_activation_code: 'code',
  };

  it('records the request with the caller IP and starts the trial, answering like the doc', async () => {
    const before = Date.now();
    const answer = await billing.http(BillingPattern.ParticipantRegister, { body, ip: '118.127.110.170' }, userSession(user));
    expect(answer).toEqual({
      billing: { trial: { status: true, ts: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/) } },
      brand_name: ['Brand_1', 'Brand_2', 'Brand_3'], company_prefix: '00000000', country: '036', gs1_activation_code: 'code',
      ip: '118.127.110.170', name: 'Participant Name', participant_type: 'product360', pending_plan: 'complete', user_id: user,
    });
    expect(Date.parse(answer.billing.trial.ts)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    const stored = await db.query(`SELECT ip, status, user_id FROM participants_billing.registration_requests`);
    expect(stored.rows).toEqual([{ ip: '118.127.110.170', status: 'pending', user_id: user }]);
  });

  it('creates the active participant when approved, with its trial and prefix', async () => {
    const created = await billing.call<ParticipantSummary>(BillingPattern.RegistrationApprove, { userId: user });
    expect(created).toMatchObject({ name: 'Participant Name', company_prefix: ['00000000'], country: '036', participant_type: ['product360'], parent: SYSTEM_PARTICIPANT_ID });
    expect(created.id).toMatch(/^urn:authenticateit:participant:\d+$/);
    const list = await billing.http(BillingPattern.ParticipantsList, { body: { id: created.id } });
    expect(list.count).toBe(1);
    expect(list.data[0]).toMatchObject({ billing_plan: 'complete', billing_country: '036' });
    expect(Date.parse(list.data[0].billing_trial_to)).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(await billing.fails(billing.call(BillingPattern.RegistrationApprove, { userId: user }))).toMatchObject({ kind: 'not_found' });
  });

  it('prefix/check tells whether a prefix is free and needs at least 7 digits', async () => {
    expect(await billing.http(BillingPattern.PrefixCheck, { body: { prefix: '00000000' } })).toEqual({ prefix: '00000000', available: false });
    expect(await billing.http(BillingPattern.PrefixCheck, { body: { prefix: '1234567' } })).toEqual({ prefix: '1234567', available: true });
    expect(await billing.fails(billing.http(BillingPattern.PrefixCheck, { body: { prefix: '123456' } }))).toMatchObject({ kind: 'invalid_input' });
  });

  it('rejects a taken prefix, an unknown plan, a short prefix and a missing session, recording nothing', async () => {
    const requests = await count('registration_requests');
    const other = userSession('urn:authenticateit:user:email:other@example.com');
    expect(await billing.fails(billing.http(BillingPattern.ParticipantRegister, { body }, other))).toMatchObject({ kind: 'conflict', code: 'billing.prefix_taken' });
    expect(await billing.fails(billing.http(BillingPattern.ParticipantRegister, { body: { ...body, company_prefix: '7654321', pending_plan: 'gold' } }, other)))
      .toMatchObject({ kind: 'invalid_input', code: 'billing.unknown_plan' });
    expect(await billing.fails(billing.http(BillingPattern.ParticipantRegister, { body: { ...body, company_prefix: '123456' } }, other)))
      .toMatchObject({ kind: 'invalid_input' });
    expect(await billing.fails(billing.http(BillingPattern.ParticipantRegister, { body: { ...body, company_prefix: '7654321', extra: 1 } }, other)))
      .toMatchObject({ kind: 'invalid_input' });
    expect(await billing.fails(billing.call(BillingPattern.ParticipantRegister, { body, params: {}, query: {}, ip: '1.1.1.1', headers: {} })))
      .toMatchObject({ kind: 'unauthenticated' });
    expect(await count('registration_requests')).toBe(requests);
  });
});

describe('POST /participants (list)', () => {
  const made: Record<string, string> = {};
  const create = async (key: string, name: string, prefix: string, plan: string, country: string) => {
    const p = await billing.call<ParticipantSummary>(BillingPattern.ParticipantCreate, { name, company_prefix: prefix, pending_plan: plan, country });
    made[key] = p.id;
    return p.id;
  };

  beforeAll(async () => {
    await create('a', 'Alpha Foods', '1000001', 'basic', '036');
    await create('b', 'beta drinks', '1000002', 'light', '643');
    await create('c', 'Gamma_Snacks', '1000003', 'complete', '036');
    await create('d', 'Delta 100%', '1000004', 'complete+', '840');
    await create('e', 'Epsilon', '1000005', 'corporate', '643');
    const period = (id: string, from: string, to: string) =>
      billing.http(BillingPattern.PaymentPaidPeriod, { params: { id }, body: { from_date: from, to_date: to } });
    await period(made.a, '2019-03-01', '2019-04-01');
    await period(made.b, '2019-03-15', '2019-04-15');
    await period(made.c, '2019-03-27', '2019-04-27');
    await period(made.d, '2019-05-01', '2019-06-01');
    const trial = (id: string, to: string) => billing.http(BillingPattern.PaymentTrial, { params: { id }, body: { to_date: to } });
    await trial(made.a, '2019-01-10T00:00:00Z');
    await trial(made.b, '2019-03-27T07:49:35Z');
    await trial(made.c, '2019-12-31T23:00:00Z');
  });

  const list = (body: Record<string, unknown>) => billing.http<{ count: number; data: any[] }>(BillingPattern.ParticipantsList, { body });
  const ids = (r: { data: { id: string }[] }) => r.data.map((d) => d.id);

  it('filters by plan as a value or a list', async () => {
    expect(ids(await list({ billing_plan: 'light' }))).toEqual([made.b]);
    expect(ids(await list({ billing_plan: ['basic', 'corporate'], order_by: 'id' }))).toEqual([made.a, made.e]);
  });

  it('filters by country as a value or a list (billing_country, or country as in the example)', async () => {
    expect(ids(await list({ billing_country: '643', order_by: 'id' }))).toEqual([made.b, made.e]);
    expect(ids(await list({ country: ['840', '643'], order_by: 'id' }))).toEqual([made.b, made.d, made.e]);
  });

  it('filters by id and by name (case-insensitive part, % and _ taken literally)', async () => {
    expect(ids(await list({ id: made.c }))).toEqual([made.c]);
    expect(ids(await list({ name: 'BETA' }))).toEqual([made.b]);
    expect(ids(await list({ name: '100%' }))).toEqual([made.d]);
    expect(ids(await list({ name: 'a_s' }))).toEqual([made.c]);
  });

  it('filters by paid_from, paid_to and trial_to ranges (inclusive)', async () => {
    expect(ids(await list({ billing_paid_from_filter_from: '2019-03-01', billing_paid_from_filter_to: '2019-03-30', order_by: 'id' })))
      .toEqual([made.a, made.b, made.c]);
    expect(ids(await list({ billing_paid_to_filter_from: '2019-04-15', billing_paid_to_filter_to: '2019-04-30', order_by: 'id' })))
      .toEqual([made.b, made.c]);
    expect(ids(await list({ billing_trial_to_filter_from: '2019-01-01T00:00:00Z', billing_trial_to_filter_to: '2019-12-01T00:00:00Z', order_by: 'id' })))
      .toEqual([made.a, made.b]);
    expect(ids(await list({ billing_trial_to_filter_from: '2019-12-31', billing_trial_to_filter_to: '2019-12-31' }))).toEqual([made.c]);
    expect(ids(await list({
      billing_plan: 'complete', country: ['036', '643'], billing_paid_from_filter_from: '2019-03-01', billing_paid_from_filter_to: '2019-03-30',
      billing_paid_to_filter_from: '2019-04-01', billing_paid_to_filter_to: '2019-04-30',
      billing_trial_to_filter_from: '2019-01-01T00:00:00Z', billing_trial_to_filter_to: '2020-01-01T00:00:00Z', order_by: 'id', order_type: 'asc',
    }))).toEqual([made.c]);
  });

  it('answers items shaped like the doc', async () => {
    const r = await list({ id: made.b });
    expect(r).toEqual({ count: 1, data: [{
      billing_country: '643', billing_paid_from: '2019-03-15', billing_paid_to: '2019-04-15', billing_plan: 'light',
      billing_trial_to: '2019-03-27T07:49:35Z', id: made.b, name: 'beta drinks', fee: null,
    }] });
  });

  it('orders by every documented field in both directions', async () => {
    const mine = Object.values(made);
    const only = (r: { data: { id: string }[] }) => ids(r).filter((id) => mine.includes(id));
    expect(only(await list({ order_by: 'name', order_type: 'asc' }))).toEqual([made.a, made.b, made.d, made.e, made.c]);
    expect(only(await list({ order_by: 'name', order_type: 'desc' }))).toEqual([made.c, made.e, made.d, made.b, made.a]);
    expect(only(await list({ order_by: 'billing_paid_to', order_type: 'desc', billing_paid_to_filter_from: '2000-01-01' })))
      .toEqual([made.d, made.c, made.b, made.a]);
    expect(only(await list({ order_by: 'billing_trial_to', billing_trial_to_filter_to: '2020-01-01' }))).toEqual([made.a, made.b, made.c]);
    expect(only(await list({ order_by: 'billing_plan', billing_plan: ['basic', 'light', 'complete'] }))).toEqual([made.a, made.c, made.b]);
    expect(only(await list({ order_by: 'billing_country', order_type: 'desc', country: ['036', '840'] }))).toEqual([made.d, made.c, made.a]);
    expect(only(await list({ order_by: 'billing_paid_from', billing_paid_from_filter_from: '2000-01-01' }))).toEqual([made.a, made.b, made.c, made.d]);
    expect(only(await list({ order_by: 'id', order_type: 'desc', country: '643' }))).toEqual([made.e, made.b]);
  });

  it('pages with limit and offset while count stays the total', async () => {
    const all = await list({ order_by: 'id' });
    expect(all.count).toBe(all.data.length);
    const page = await list({ order_by: 'id', limit: 2, offset: 1 });
    expect(page.count).toBe(all.count);
    expect(ids(page)).toEqual(ids(all).slice(1, 3));
    const past = await list({ order_by: 'id', limit: 2, offset: all.count });
    expect(past).toEqual({ count: all.count, data: [] });
  });

  it('rejects unknown plans, bad dates, bad order and unknown fields', async () => {
    for (const body of [
      { billing_plan: 'gold' }, { billing_plan: ['basic', 'gold'] }, { billing_paid_from_filter_from: '2019-02-30' },
      { billing_trial_to_filter_to: 'yesterday' }, { order_by: 'email' }, { order_type: 'up' }, { limit: 0 }, { offset: -1 },
      { limit: '10' }, { billing_plan: 5 }, { unknown: true },
    ]) {
      expect(await billing.fails(list(body))).toMatchObject({ kind: 'invalid_input' });
    }
  });
});

describe('GET /participants/participant/:id (profile)', () => {
  it('shows the participant, its billing and its deposit', async () => {
    const p = await billing.call<ParticipantSummary>(BillingPattern.ParticipantCreate, { name: 'Profiled', company_prefix: ['2000001', '2000002'], country: '036', pending_plan: 'complete+' });
    await billing.http(BillingPattern.PaymentPaidPeriod, { params: { id: p.id }, body: { from_date: '2019-02-16', to_date: '2019-03-16' } });
    const profile = await billing.http(BillingPattern.ParticipantGet, { params: { id: p.id } });
    expect(profile).toEqual({
      balance: {
        address: expect.stringMatching(/^0x[0-9a-f]{40}$/), coins: '0', fee: null, last_topup: null, participant_id: p.id, topup: null,
      },
      billing: {
        country: '036', paid_from: '2019-02-16', paid_to: '2019-03-16', plan: 'complete+', stripe_customer: null,
        updated_at: expect.stringMatching(/Z$/), user_email: [],
      },
      city: null, company_prefix: ['2000001', '2000002'], country: '036', gs1_activation_code: null, id: p.id, name: 'Profiled', team: [],
    });
  });

  it('answers 404 for an unknown participant', async () => {
    expect(await billing.fails(billing.http(BillingPattern.ParticipantGet, { params: { id: 'urn:authenticateit:participant:999' } })))
      .toMatchObject({ kind: 'not_found', code: 'billing.participant_not_found' });
  });
});

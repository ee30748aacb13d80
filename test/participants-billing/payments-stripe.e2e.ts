import { jest } from '@jest/globals';
import type { ParticipantSummary } from '#libs/contracts';
import { type BillingService, STRIPE_KEY, type StripeStandin, createDatabase, startBilling, startStripeStandin } from './support/harness.js';
import { BillingPattern } from '#libs/contracts';

// Starts real processes: more than jest's default 5 s per hook/test.
jest.setTimeout(90_000);

type Db = Awaited<ReturnType<typeof createDatabase>>;
let db: Db;
let stripe: StripeStandin;
let billing: BillingService;
let participant: string;

const CARD_NUMBER = '5200828282828210';
const CVC = '323';

beforeAll(async () => {
  db = await createDatabase();
  stripe = await startStripeStandin();
  // Short intervals: payments the provider did not take are made again, and payments still
  // processing are looked up at Stripe (this suite has no webhook endpoint), within the test.
  billing = await startBilling(db.url, stripe.base, { PAYMENTS_RETRY_INTERVAL_MS: '300', PAYMENTS_CONFIRM_AFTER_MS: '1000' });
  participant = (await billing.call<ParticipantSummary>(BillingPattern.ParticipantCreate, { name: 'Payer', company_prefix: '3000001', country: '036' })).id;
});

afterAll(async () => {
  await billing?.stop();
  await stripe?.stop();
  await db?.close();
});

const participantRow = async (id: string) =>
  (await db.query(`SELECT billing_plan, to_char(paid_from, 'YYYY-MM-DD') AS paid_from, to_char(paid_to, 'YYYY-MM-DD') AS paid_to, trial_to
     FROM participants_billing.participants WHERE id = $1`, [id])).rows[0];
const invoices = async () => Number((await db.query(`SELECT count(*)::int AS n FROM participants_billing.invoices`)).rows[0].n);

describe('plans and paid periods', () => {
  it('sets a paid period and answers with an invoice id, like the doc', async () => {
    const answer = await billing.http(BillingPattern.PaymentPaidPeriod, { params: { id: participant }, body: { from_date: '2019-02-01', to_date: '2019-09-01', plan: 'complete+' } });
    expect(answer).toEqual({ amount: 0, id: 'null', invoice_id: expect.stringMatching(/^\d+$/), paid_from: '2019-02-01', paid_to: '2019-09-01', plan: 'complete+' });
    expect(await participantRow(participant)).toMatchObject({ billing_plan: 'complete+', paid_from: '2019-02-01', paid_to: '2019-09-01' });
    const second = await billing.http(BillingPattern.PaymentPaidPeriod, { params: { id: participant }, body: { from_date: '2019-09-01', to_date: '2019-10-01' } });
    expect(second.plan).toBe('complete+');
    expect(Number(second.invoice_id)).toBeGreaterThan(Number(answer.invoice_id));
  });

  it('accepts every documented plan', async () => {
    for (const plan of ['custom', 'basic', 'light', 'complete', 'complete+', 'corporate']) {
      const answer = await billing.http(BillingPattern.PaymentPaidPeriod, { params: { id: participant }, body: { from_date: '2020-01-01', to_date: '2020-02-01', plan } });
      expect(answer.plan).toBe(plan);
    }
  });

  it('rejects to_date before from_date, an unknown plan, bad dates and an unknown participant, changing nothing', async () => {
    const before = await participantRow(participant);
    const count = await invoices();
    const put = (id: string, body: unknown) => billing.fails(billing.http(BillingPattern.PaymentPaidPeriod, { params: { id }, body }));
    expect(await put(participant, { from_date: '2019-09-01', to_date: '2019-02-01' })).toMatchObject({ kind: 'invalid_input', code: 'billing.invalid_period' });
    expect(await put(participant, { from_date: '2019-02-01', to_date: '2019-09-01', plan: 'gold' })).toMatchObject({ kind: 'invalid_input', code: 'billing.unknown_plan' });
    expect(await put(participant, { from_date: '2019-02-30', to_date: '2019-09-01' })).toMatchObject({ kind: 'invalid_input' });
    expect(await put(participant, { from_date: '01.02.2019', to_date: '2019-09-01' })).toMatchObject({ kind: 'invalid_input' });
    expect(await put(participant, { to_date: '2019-09-01' })).toMatchObject({ kind: 'invalid_input' });
    expect(await put('urn:authenticateit:participant:424242', { from_date: '2019-02-01', to_date: '2019-09-01' })).toMatchObject({ kind: 'not_found' });
    expect(await participantRow(participant)).toEqual(before);
    expect(await invoices()).toBe(count);
  });

  it('sets the trial end, shown in the list as billing_trial_to', async () => {
    const answer = await billing.http(BillingPattern.PaymentTrial, { params: { id: participant }, body: { to_date: '2019-09-01' } });
    expect(answer).toMatchObject({ status: 'ok', trial_to: '2019-09-01T00:00:00Z' });
    const list = await billing.http(BillingPattern.ParticipantsList, { body: { id: participant } });
    expect(list.data[0].billing_trial_to).toBe('2019-09-01T00:00:00Z');
    const before = await participantRow(participant);
    expect(await billing.fails(billing.http(BillingPattern.PaymentTrial, { params: { id: participant }, body: { to_date: 'soon' } }))).toMatchObject({ kind: 'invalid_input' });
    expect(await billing.fails(billing.http(BillingPattern.PaymentTrial, { params: { id: 'urn:authenticateit:participant:424242' }, body: { to_date: '2019-09-01' } })))
      .toMatchObject({ kind: 'not_found' });
    expect(await participantRow(participant)).toEqual(before);
  });
});

describe('cards through Stripe', () => {
  const card = { number: CARD_NUMBER, exp_month: 12, exp_year: new Date().getUTCFullYear() + 2, cvc: 323, name: 'JANE DOE' };

  it('turns a card given at registration into a Stripe customer with a payment method', async () => {
    const user = 'urn:authenticateit:user:email:jane@example.com';
    const view = await billing.call(BillingPattern.CustomerAttachCard, { userId: user, card });
    expect(view).toEqual({ brand: 'mastercard', last4: '8210', exp_month: 12, exp_year: card.exp_year });
    const state = await stripe.state();
    const customer = state.customers.find((c) => c.metadata.owner_id === user)!;
    expect(customer).toBeDefined();
    const method = state.payment_methods.find((m) => m.customer === customer.id)!;
    expect(method.card).toMatchObject({ brand: 'mastercard', last4: '8210' });
    expect(customer.invoice_settings.default_payment_method).toBe(method.id);
    const rows = (await db.query(`SELECT owner_type, owner_id, stripe_customer_id, stripe_payment_method_id, brand, last4, exp_month, exp_year, deleted_at
      FROM participants_billing.payment_customers`)).rows;
    expect(rows).toEqual([{ owner_type: 'user', owner_id: user, stripe_customer_id: customer.id, stripe_payment_method_id: method.id,
      brand: 'mastercard', last4: '8210', exp_month: 12, exp_year: card.exp_year, deleted_at: null }]);

    // The participant registered by that user takes over the card.
    const created = await billing.call<ParticipantSummary>(BillingPattern.ParticipantCreate, { name: 'Jane Brand', company_prefix: '3000002', userId: user });
    const profile = await billing.http(BillingPattern.ParticipantGet, { params: { id: created.id } });
    expect(profile.billing.stripe_customer).toBe(customer.id);
  });

  it('attaches a card to a participant, and the participant route deletes the customer at Stripe', async () => {
    await billing.call(BillingPattern.CustomerAttachCard, { participantId: participant, card: { ...card, number: '4242424242424242', cvc: '123' } });
    const profile = await billing.http(BillingPattern.ParticipantGet, { params: { id: participant } });
    const customerId = profile.billing.stripe_customer as string;
    expect(customerId).toMatch(/^cus_/);
    expect((await stripe.state()).customers.map((c) => c.id)).toContain(customerId);

    expect(await billing.http(BillingPattern.PaymentDeleteCustomer, { params: { id: participant } })).toEqual({ status: 'ok', deleted: true });
    const state = await stripe.state();
    expect(state.deleted_customers).toContain(customerId);
    expect(state.customers.map((c) => c.id)).not.toContain(customerId);
    expect(state.requests).toContainEqual(expect.objectContaining({ method: 'DELETE', path: `/v1/customers/${customerId}` }));
    expect(state.payment_methods.filter((m) => m.card.last4 === '4242').map((m) => m.customer)).toEqual([null]);
    expect((await billing.http(BillingPattern.ParticipantGet, { params: { id: participant } })).billing.stripe_customer).toBeNull();
    // Idempotent.
    expect(await billing.http(BillingPattern.PaymentDeleteCustomer, { params: { id: participant } })).toEqual({ status: 'ok', deleted: false });
  });

  it("removes a user's customer at Stripe (DELETE /account/customer through identity)", async () => {
    const user = 'urn:authenticateit:user:email:solo@example.com';
    await billing.call(BillingPattern.CustomerAttachCard, { userId: user, card });
    const customerId = (await stripe.state()).customers.find((c) => c.metadata.owner_id === user)!.id;
    expect(await billing.call(BillingPattern.CustomerDelete, { userId: user })).toEqual({ deleted: true });
    expect((await stripe.state()).deleted_customers).toContain(customerId);
    expect(await billing.call(BillingPattern.CustomerDelete, { userId: user })).toEqual({ deleted: false });
  });

  it('answers 400 for a card Stripe rejects, storing nothing', async () => {
    const count = Number((await db.query(`SELECT count(*)::int AS n FROM participants_billing.payment_customers`)).rows[0].n);
    const bad = (c: unknown) => billing.fails(billing.call(BillingPattern.CustomerAttachCard, { userId: 'urn:authenticateit:user:email:bad@example.com', card: c }));
    expect(await bad({ ...card, number: '4242424242424241' })).toMatchObject({ kind: 'invalid_input', code: 'billing.card_rejected', message: 'Your card number is incorrect.' });
    expect(await bad({ ...card, number: '4000000000000002' })).toMatchObject({ kind: 'invalid_input', code: 'billing.card_rejected' });
    expect(await bad({ ...card, exp_year: 2019 })).toMatchObject({ kind: 'invalid_input' });
    expect(await bad({ ...card, number: 'x' })).toMatchObject({ kind: 'invalid_input' });
    const wire = await bad({ ...card, cvc: 'abcd' });
    expect(JSON.stringify(wire)).not.toContain(CARD_NUMBER);
    expect(Number((await db.query(`SELECT count(*)::int AS n FROM participants_billing.payment_customers`)).rows[0].n)).toBe(count);
  });

  it('never lets a card number or CVC reach a log or a table', async () => {
    // One more card, with a CVC that appears nowhere else.
    await billing.call(BillingPattern.CustomerAttachCard, { userId: 'urn:authenticateit:user:email:leak@example.com', card: { ...card, cvc: CVC + '7' } });
    const tables = (await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'participants_billing'`)).rows.map((r) => r.table_name as string);
    expect(tables.length).toBeGreaterThan(5);
    let dump = '';
    for (const table of tables) {
      const rows = (await db.query(`SELECT t::text AS row FROM participants_billing."${table}" t`)).rows;
      dump += rows.map((r) => r.row).join('\n');
    }
    expect(dump).toContain('8210');
    for (const secret of [CARD_NUMBER, '4242424242424242', '4242424242424241']) expect(dump).not.toContain(secret);
    // A CVC is too short to grep for: no column may hold one.
    const columns = (await db.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'participants_billing'`)).rows.map((r) => r.column_name as string);
    expect(columns.filter((c) => /cvc|cvv|card_number|^number$/.test(c))).toEqual(['number']); // participants.number is the participant's sequence number

    const logs = billing.output();
    expect(logs.length).toBeGreaterThan(100);
    for (const secret of [CARD_NUMBER, '4242424242424242', '4242424242424241', '4000000000000002', '"cvc"', 'cvc=']) expect(logs).not.toContain(secret);
  });
});

describe('paid periods charge the card (off-session PaymentIntents)', () => {
  let prefix = 3100000;
  const year = new Date().getUTCFullYear() + 2;
  const withCard = async (number: string) => {
    const id = (await billing.call<ParticipantSummary>(BillingPattern.ParticipantCreate, { name: `Payer ${prefix}`, company_prefix: String(prefix++) })).id;
    await billing.call(BillingPattern.CustomerAttachCard, { participantId: id, card: { number, exp_month: 12, exp_year: year, cvc: '123' } });
    return id;
  };
  const pay = (id: string, body: unknown) => billing.http(BillingPattern.PaymentPaidPeriod, { params: { id }, body });
  const invoiceRow = async (n: string) => (await db.query(`SELECT status, amount, currency, payment_intent_id, stripe_charge_id, failure_code,
      period_applied, attempts FROM participants_billing.invoices WHERE invoice_number = $1`, [n])).rows[0];
  const intentsOf = async (participantId: string) => (await stripe.state()).payment_intents.filter((pi) => pi.metadata.participant_id === participantId);
  const until = async <T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> => {
    const end = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('charges the plan price in its currency with the invoice as idempotency key, answers the charge id and sets the period', async () => {
    const id = await withCard('4242424242424242');
    const answer = await pay(id, { from_date: '2021-01-01', to_date: '2021-03-01', plan: 'complete' });
    expect(answer).toEqual({ amount: 2 * 29_900, id: expect.stringMatching(/^ch_/), invoice_id: expect.stringMatching(/^\d+$/), paid_from: '2021-01-01', paid_to: '2021-03-01', plan: 'complete' });
    const intents = await intentsOf(id);
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({ amount: 59_800, currency: 'aud', status: 'succeeded', latest_charge: answer.id, metadata: { invoice_number: answer.invoice_id } });
    const customer = (await stripe.state()).customers.find((c) => c.metadata.owner_id === id)!;
    expect(intents[0]).toMatchObject({ customer: customer.id, payment_method: customer.invoice_settings.default_payment_method });
    const creates = (await stripe.state()).requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents' && r.idempotencyKey === `invoice-${answer.invoice_id}`);
    expect(creates).toHaveLength(1);
    expect(await invoiceRow(answer.invoice_id)).toMatchObject({ status: 'succeeded', amount: 59_800, currency: 'aud', payment_intent_id: intents[0].id, stripe_charge_id: answer.id, period_applied: true });
    expect(await participantRow(id)).toMatchObject({ billing_plan: 'complete', paid_from: '2021-01-01', paid_to: '2021-03-01' });

    // The same period asked again (an operator's retry) is that invoice, not a second payment.
    expect(await pay(id, { from_date: '2021-01-01', to_date: '2021-03-01', plan: 'complete' })).toEqual(answer);
    expect(await intentsOf(id)).toHaveLength(1);
  });

  it('charges nothing on the free plan, even with a card (amount 0, id "null" as in the doc)', async () => {
    const id = await withCard('4242424242424242');
    expect(await pay(id, { from_date: '2021-01-01', to_date: '2021-02-01', plan: 'custom' })).toMatchObject({ amount: 0, id: 'null', plan: 'custom' });
    expect(await intentsOf(id)).toEqual([]);
  });

  it('a declined card is a 409 payment_declined; the invoice records the failure and the period stays as it was', async () => {
    const id = await withCard('4000000000000341');
    const before = await participantRow(id);
    const failure = await billing.fails(pay(id, { from_date: '2021-01-01', to_date: '2021-02-01', plan: 'basic' }));
    expect(failure).toMatchObject({
      kind: 'conflict', code: 'billing.payment_declined', message: 'Your card was declined.',
      details: { invoice_id: expect.stringMatching(/^\d+$/), payment_status: 'failed', failure_code: 'card_declined' },
    });
    const [pi] = await intentsOf(id);
    expect(pi).toMatchObject({ status: 'requires_payment_method', last_payment_error: { code: 'card_declined' } });
    expect(await invoiceRow((failure.details as { invoice_id: string }).invoice_id)).toMatchObject({
      status: 'failed', failure_code: 'card_declined', payment_intent_id: pi.id, period_applied: false,
    });
    expect(await participantRow(id)).toEqual(before);
  });

  it('a card that needs its holder to authenticate is a 409 payment_requires_action; nothing is set', async () => {
    const id = await withCard('4000002760003184');
    const before = await participantRow(id);
    const failure = await billing.fails(pay(id, { from_date: '2021-01-01', to_date: '2021-02-01', plan: 'basic' }));
    expect(failure).toMatchObject({
      kind: 'conflict', code: 'billing.payment_requires_action',
      details: { payment_status: 'requires_action', failure_code: 'authentication_required' },
    });
    const [pi] = await intentsOf(id);
    expect(pi).toMatchObject({ status: 'requires_payment_method', last_payment_error: { code: 'authentication_required' } });
    expect(await invoiceRow((failure.details as { invoice_id: string }).invoice_id)).toMatchObject({ status: 'requires_action', period_applied: false });
    expect(await participantRow(id)).toEqual(before);
  });

  it('waits out a 429 with a short Retry-After within the request', async () => {
    const id = await withCard('4242424242424242');
    await stripe.hook('POST', '/faults', { method: 'POST', path: '/v1/payment_intents', responses: [{ status: 429, retry_after: 1 }] });
    const started = Date.now();
    const answer = await pay(id, { from_date: '2021-01-01', to_date: '2021-02-01', plan: 'basic' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(answer).toMatchObject({ amount: 4_900, id: expect.stringMatching(/^ch_/) });
    const state = await stripe.state();
    expect(state.faults_served).toContainEqual({ method: 'POST', path: '/v1/payment_intents', status: 429 });
    expect(await intentsOf(id)).toHaveLength(1);
  });

  it('a 5xx that outlasts the retries answers 503 (never 500), keeps the invoice pending, and the retry loop charges it once', async () => {
    const id = await withCard('4242424242424242');
    const before = await participantRow(id);
    // The library retries a 5xx twice: three failures outlast the request.
    await stripe.hook('POST', '/faults', { method: 'POST', path: '/v1/payment_intents', responses: [{ status: 500 }, { status: 503 }, { status: 500 }] });
    const failure = await billing.fails(pay(id, { from_date: '2021-04-01', to_date: '2021-05-01', plan: 'light' }));
    expect(failure).toMatchObject({ kind: 'unavailable', code: 'billing.payment_provider_unavailable', details: { payment_status: 'pending' } });
    const n = (failure.details as { invoice_id: string }).invoice_id;
    expect(await participantRow(id)).toEqual(before);
    const settled = await until('the retried invoice', async () => {
      const row = await invoiceRow(n);
      return row.status === 'succeeded' ? row : undefined;
    });
    expect(settled).toMatchObject({ amount: 14_900, period_applied: true, attempts: 1 });
    const intents = await intentsOf(id);
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({ status: 'succeeded', metadata: { invoice_number: n } });
    const attempts = (await stripe.state()).requests.filter((r) => r.path === '/v1/payment_intents' && r.idempotencyKey === `invoice-${n}`);
    expect(attempts.map((r) => r.status)).toEqual([500, 503, 500, 200]);
    expect(await participantRow(id)).toMatchObject({ billing_plan: 'light', paid_from: '2021-04-01', paid_to: '2021-05-01' });
  });

  it('a rejected API key (401) answers 503, is logged as an error without the key, and is retried', async () => {
    const id = await withCard('4242424242424242');
    await stripe.hook('POST', '/faults', { method: 'POST', path: '/v1/payment_intents', responses: [{ status: 401 }] });
    const failure = await billing.fails(pay(id, { from_date: '2021-06-01', to_date: '2021-07-01', plan: 'basic' }));
    expect(failure).toMatchObject({ kind: 'unavailable', code: 'billing.payment_provider_unavailable' });
    const n = (failure.details as { invoice_id: string }).invoice_id;
    expect(await invoiceRow(n)).toMatchObject({ status: 'pending', failure_code: 'provider_auth', attempts: 1 });
    expect(billing.output()).toMatch(/"level":"error".*stripe create payment intent failed.*"reason":"auth"|stripe create payment intent failed[^\n]*"reason":"auth"/);
    expect(billing.output()).not.toContain(STRIPE_KEY);
    await until('the retried invoice', async () => ((await invoiceRow(n)).status === 'succeeded' ? true : undefined));
    expect(await intentsOf(id)).toHaveLength(1);
  });

  it('a 429 with a long Retry-After is not waited out: 503 at once, the invoice is retried after it', async () => {
    const id = await withCard('4242424242424242');
    await stripe.hook('POST', '/faults', { method: 'POST', path: '/v1/payment_intents', responses: [{ status: 429, retry_after: 30 }] });
    const started = Date.now();
    const failure = await billing.fails(pay(id, { from_date: '2021-08-01', to_date: '2021-09-01', plan: 'basic' }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(failure).toMatchObject({ kind: 'unavailable', code: 'billing.payment_provider_unavailable' });
    const n = (failure.details as { invoice_id: string }).invoice_id;
    const row = (await db.query(`SELECT status, failure_code, extract(epoch FROM next_attempt_at - now())::float AS wait FROM participants_billing.invoices WHERE invoice_number = $1`, [n])).rows[0];
    expect(row).toMatchObject({ status: 'pending', failure_code: 'provider_rate_limited' });
    expect(row.wait).toBeGreaterThan(25);
    expect(row.wait).toBeLessThanOrEqual(30);
    expect(await intentsOf(id)).toEqual([]);
  });

  it('a payment Stripe still processes answers 202; with no webhook it is looked up at Stripe and the period set', async () => {
    const id = await withCard('4242424242424242');
    await stripe.hook('POST', '/hold', { enabled: true });
    try {
      // What the gateway gets: an HttpReply with the status.
      const answer = await pay(id, { from_date: '2021-10-01', to_date: '2021-11-01', plan: 'basic' });
      expect(answer).toMatchObject({ $http: true, status: 202, body: { amount: 4_900, id: expect.stringMatching(/^ch_/), plan: 'basic' } });
      const n = (answer as { body: { invoice_id: string } }).body.invoice_id;
      expect(await invoiceRow(n)).toMatchObject({ status: 'processing', period_applied: false });
      const [pi] = await intentsOf(id);
      await stripe.hook('POST', `/payment_intents/${pi.id}/settle`, { outcome: 'succeeded' });
      await until('the look-up', async () => ((await invoiceRow(n)).status === 'succeeded' ? true : undefined));
      expect(await invoiceRow(n)).toMatchObject({ period_applied: true, stripe_charge_id: pi.latest_charge });
      expect((await stripe.state()).requests).toContainEqual(expect.objectContaining({ method: 'GET', path: `/v1/payment_intents/${pi.id}`, status: 200 }));
      expect(await participantRow(id)).toMatchObject({ paid_from: '2021-10-01', paid_to: '2021-11-01' });
    } finally {
      await stripe.hook('POST', '/hold', { enabled: false });
    }
  });

  it('a top-up Stripe still processes is credited once a look-up confirms it (no webhook)', async () => {
    const id = await withCard('4242424242424242');
    await billing.call(BillingPattern.DepositCredit, { participantId: id, amount: '5000000000000000000', idempotencyKey: 'seed' });
    await billing.call(BillingPattern.DepositSetTopup, {
      participantId: id, amount: 1000, currency: 'aud', frequency: 'daily', coins_threshold: '10000000000000000000', minimal_amount: false, status: 'active',
    });
    await stripe.hook('POST', '/hold', { enabled: true });
    try {
      await billing.call(BillingPattern.DepositCharge, { participantId: id, amount: '1000000000000000000', idempotencyKey: 'c1' });
      const [pi] = await until('the top-up payment', async () => ((await intentsOf(id)).length ? intentsOf(id) : undefined));
      expect(pi).toMatchObject({ status: 'processing', amount: 1000 });
      const deposit = () => billing.http(BillingPattern.DepositGet, { params: { id } });
      // Stripe's stand-in holds the intent a moment before billing has stored Stripe's answer.
      await until('the top-up recorded as processing', async () => ((await deposit()).last_topup.status !== 'pending' ? true : undefined));
      expect(await deposit()).toMatchObject({ coins: '4000000000000000000', last_topup: { status: 'processing' } });
      await stripe.hook('POST', `/payment_intents/${pi.id}/settle`, { outcome: 'succeeded' });
      await until('the credited top-up', async () => ((await deposit()).last_topup.status === 'succeeded' ? true : undefined));
      expect((await deposit()).coins).toBe((4n * 10n ** 18n + 1000n * 10n ** 18n).toString());
    } finally {
      await stripe.hook('POST', '/hold', { enabled: false });
    }
  });

  it('a payment not at Stripe after 23 hours is not retried under its (expiring) key: recorded failed and logged', async () => {
    const id = await withCard('4242424242424242');
    const [{ n }] = (await db.query(`SELECT nextval('participants_billing.invoice_number_seq')::text AS n`)).rows;
    await db.query(`INSERT INTO participants_billing.invoices (invoice_number, participant_id, plan, paid_from, paid_to, amount, currency, status, next_attempt_at, created_at)
      VALUES ($1, $2, 'basic', '2021-12-01', '2022-01-01', 4900, 'aud', 'pending', now(), now() - interval '24 hours')`, [n, id]);
    await until('the given-up invoice', async () => ((await invoiceRow(n)).status === 'failed' ? true : undefined));
    expect(await invoiceRow(n)).toMatchObject({ failure_code: 'provider_unreachable', payment_intent_id: null });
    expect(await intentsOf(id)).toEqual([]);
    expect(billing.output()).toContain(`"invoice":"${n}"`);
  });
});


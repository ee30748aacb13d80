// Stripe for real, through the whole system: the Stripe stand-in POSTs signed webhook events to
// the gateway's POST /billing/stripe/webhook (raw body to billing), automatic top-ups of deposits,
// and the top-up and contact routes as the participant's security_admin, a sys-admin and others.
import { jest } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { firstValueFrom } from 'rxjs';
import pg from 'pg';
import { BillingPattern, type ParticipantSummary } from '#libs/contracts';
import { RedisStreamsClient } from '#libs/transport';
import { sharedSystem } from '../support/shared-system.js';
import { http, restartWith, type RunningSystem } from '../support/system.js';
import { activeUser, otherParticipantAdmin, signInSystemAdmin, type SignedIn, withTicket } from '../support/trust-callers.js';
import { coins, STRIPE_KEY, type StandinState, type StripeStandin, startStripeStandin } from './support/harness.js';

jest.setTimeout(120_000);

const WEBHOOK_SECRET = 'whsec_standin_system_test_secret_0123456789';
const HANDLED = ['payment_intent.succeeded', 'payment_intent.payment_failed', 'charge.refunded'];

let stripe: StripeStandin;
let sys: RunningSystem;
let db: pg.Client;
let billing: RedisStreamsClient;
let admin: SignedIn;
let brand: SignedIn;
let rival: SignedIn;
let user: SignedIn;
let webhookUrl: string;
let restoreBilling: (() => Promise<void>) | undefined;

beforeAll(async () => {
  stripe = await startStripeStandin({ STANDIN_WEBHOOK_SECRET: WEBHOOK_SECRET });
  // The worker's shared system, its billing restarted against this suite's stand-in (faults and
  // holds of its own) for the suite's length.
  sys = await sharedSystem();
  restoreBilling = await restartWith(sys, 'participants-billing', {
    STRIPE_API_BASE: stripe.base, STRIPE_SECRET_KEY: STRIPE_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, PAYMENTS_RETRY_INTERVAL_MS: '500',
  });
  webhookUrl = `${sys.baseUrl}/billing/stripe/webhook`;
  const endpoint = await stripe.api('POST', '/v1/webhook_endpoints', { url: webhookUrl, enabled_events: HANDLED });
  expect(endpoint.body).toMatchObject({ object: 'webhook_endpoint', url: webhookUrl, secret: WEBHOOK_SECRET });
  db = new pg.Client({ connectionString: sys.databaseUrl });
  await db.connect();
  billing = new RedisStreamsClient({ url: sys.redisUrl, service: 'participants-billing', caller: 'rewards', timeoutMs: 20_000 });
  await billing.connect();
  admin = await signInSystemAdmin(sys);
  brand = await otherParticipantAdmin(sys, admin);
  rival = await otherParticipantAdmin(sys, admin);
  user = await activeUser(sys, 'stripe-user');
}, 240_000);

afterAll(async () => {
  await billing?.close();
  await db?.end();
  await restoreBilling?.();
  await stripe?.stop();
});

const call = <T = any>(pattern: string, data: unknown) => firstValueFrom(billing.send<T>(pattern, data));
const participantPath = (id: string, tail = '') => `/identity-service/participants/participant/${encodeURIComponent(id)}${tail}`;
const asAdmin = (method: string, path: string, body?: unknown) => http(sys.baseUrl, method, path, { body, headers: withTicket(admin.ticket) });
const year = new Date().getUTCFullYear() + 2;
let prefix = 7100000 + Math.floor(Math.random() * 800_000);

/** Polls until `probe` gives something (an empty array, false or undefined count as nothing yet). */
async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function participantWithCard(number: string): Promise<string> {
  const id = (await call<ParticipantSummary>(BillingPattern.ParticipantCreate, { name: `Stripe ${prefix}`, company_prefix: String(prefix++) })).id;
  await attachCard(id, number);
  return id;
}
const attachCard = (participantId: string, number: string) =>
  call(BillingPattern.CustomerAttachCard, { participantId, card: { number, exp_month: 12, exp_year: year, cvc: '123' } });

const invoice = async (n: string) => (await db.query(`SELECT status, amount, refunded_amount, stripe_charge_id, payment_intent_id, period_applied
  FROM participants_billing.invoices WHERE invoice_number = $1`, [n])).rows[0];
const storedEvents = async (ids: string[]) => (await db.query(`SELECT event_id FROM participants_billing.stripe_events WHERE event_id = ANY($1)`, [ids])).rows.map((r) => r.event_id);
const intentsOf = (state: StandinState, participantId: string) => state.payment_intents.filter((pi) => pi.metadata.participant_id === participantId);
const eventsAbout = (state: StandinState, objectId: string, type: string) => state.events.filter((e) => e.type === type && e.data.object.id === objectId);

/** The delivery of an event that the gateway answered 2xx. */
async function delivered(type: string, objectId: string) {
  return until(`${type} of ${objectId} delivered`, async () => {
    const state = await stripe.state({ settle: true });
    const event = eventsAbout(state, objectId, type)[0];
    return event && state.deliveries.find((d) => d.event_id === event.id && d.status === 200);
  });
}

/** Stripe's scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<payload>">`. */
const sign = (payload: string, secret = WEBHOOK_SECRET, at = Math.floor(Date.now() / 1000)) =>
  `t=${at},v1=${createHmac('sha256', secret).update(`${at}.${payload}`).digest('hex')}`;
const postWebhook = (payload: string, signature?: string) => http(sys.baseUrl, 'POST', '/billing/stripe/webhook', {
  body: payload, headers: { 'content-type': 'application/json; charset=utf-8', ...(signature ? { 'stripe-signature': signature } : {}) },
});
const refundEvent = (id: string, charge: { id: string; amount: number; payment_intent: string }) => JSON.stringify({
  id, object: 'event', api_version: '2025-01-01', created: Math.floor(Date.now() / 1000), type: 'charge.refunded', livemode: false,
  pending_webhooks: 1, request: { id: null, idempotency_key: null },
  data: { object: { id: charge.id, object: 'charge', amount: charge.amount, amount_refunded: charge.amount, refunded: true, payment_intent: charge.payment_intent, status: 'succeeded' } },
}, null, 2);

async function paidInvoice(participantId: string, from: string, to: string) {
  const res = await asAdmin('PUT', participantPath(participantId, '/payment'), { from_date: from, to_date: to, plan: 'basic' });
  expect(res.status).toBe(200);
  expect(res.body.id).toMatch(/^ch_/);
  return res.body as { id: string; invoice_id: string; amount: number };
}

describe('top-up and contact routes: a sys-admin or the participant\'s own security_admin', () => {
  const topup = { amount: 20000, coins_threshold: '20000000000000000000000', currency: 'aud', frequency: 'weekly', minimal_amount: false, status: 'active' };
  const routes = () => [
    { name: 'top-up', path: participantPath(brand.currentParticipant, '/deposit/topup'), body: topup },
    { name: 'contacts', path: participantPath(brand.currentParticipant, '/contacts'), body: { city: 'Sydney' } },
  ];

  it.each(['top-up', 'contacts'])('%s: anonymous 401, ordinary user and another participant\'s admin 403, own security_admin and sys-admin 200', async (name) => {
    const route = routes().find((r) => r.name === name)!;
    const put = (headers: Record<string, string>) => http(sys.baseUrl, 'PUT', route.path, { body: route.body, headers });
    const anonymous = await put({});
    expect(anonymous.status).toBe(401);
    expect(typeof anonymous.body.error).toBe('string');
    for (const other of [user, rival]) {
      const res = await put(withTicket(other.ticket));
      expect({ status: res.status, error: typeof res.body.error }).toEqual({ status: 403, error: 'string' });
    }
    for (const allowed of [brand, admin]) {
      const res = await put(withTicket(allowed.ticket));
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { status: 'ok' } });
    }
  });

  it('the top-up body is validated: 400 with details, nothing stored', async () => {
    const path = participantPath(brand.currentParticipant, '/deposit/topup');
    expect((await http(sys.baseUrl, 'PUT', path, { body: topup, headers: withTicket(brand.ticket) })).body)
      .toEqual({ result: topup, status: 'ok' });
    const before = (await asAdmin('GET', participantPath(brand.currentParticipant, '/deposit'))).body.topup;
    expect(before).toEqual(topup);
    const bad = [
      { ...topup, amount: 10 }, { ...topup, amount: '20000' }, { ...topup, amount: 1.5 }, { ...topup, currency: 'xyz' }, { ...topup, currency: 'AUD' },
      { ...topup, coins_threshold: 20000 }, { ...topup, coins_threshold: '1.5' }, { ...topup, frequency: 'hourly' }, { ...topup, minimal_amount: 'no' },
      { ...topup, status: 'on' }, { ...topup, extra: 1 }, { ...topup, participantId: rival.currentParticipant }, {}, [],
    ];
    for (const body of bad) {
      const res = await http(sys.baseUrl, 'PUT', path, { body, headers: withTicket(brand.ticket) });
      expect({ body, status: res.status, error: typeof res.body.error }).toEqual({ body, status: 400, error: 'string' });
    }
    expect((await asAdmin('GET', participantPath(brand.currentParticipant, '/deposit'))).body.topup).toEqual(before);
    expect((await asAdmin('PUT', participantPath('urn:authenticateit:participant:999999', '/deposit/topup'), topup)).status).toBe(404);
  });

  it('contacts: set, cleared with null, shown in the participant summary; bad values are 400 and change nothing', async () => {
    const id = brand.currentParticipant;
    const path = participantPath(id, '/contacts');
    const set = await http(sys.baseUrl, 'PUT', path, {
      body: { city: 'Melbourne', phone: '+61 3 9000 0000', email: 'office@brand.example', contact: 'Jane Doe', post_code: '3000' }, headers: withTicket(brand.ticket),
    });
    expect(set.body).toEqual({ result: { city: 'Melbourne', contact: 'Jane Doe', email: 'office@brand.example', phone: '+61 3 9000 0000', post_code: '3000' }, status: 'ok' });
    const cleared = await asAdmin('PUT', path, { phone: null, logo: 'https://cdn.example/logo.png' });
    expect(cleared.body.result).toEqual({ city: 'Melbourne', contact: 'Jane Doe', email: 'office@brand.example', logo: 'https://cdn.example/logo.png', post_code: '3000' });
    const [summary] = await call<ParticipantSummary[]>(BillingPattern.ParticipantsSummaries, { ids: [id] });
    expect(summary).toMatchObject({ city: 'Melbourne', logo: 'https://cdn.example/logo.png' });
    expect(summary.phone).toBeUndefined();
    for (const body of [{}, { email: 'not-an-email' }, { phone: 'call me' }, { logo: 'javascript:alert(1)' }, { city: '' }, { city: 5 }, { fax: '1' }, { facebook_url: 'https://evil.example/x' }]) {
      const res = await asAdmin('PUT', path, body);
      expect({ body, status: res.status, error: typeof res.body.error }).toEqual({ body, status: 400, error: 'string' });
    }
    const [after] = await call<ParticipantSummary[]>(BillingPattern.ParticipantsSummaries, { ids: [id] });
    expect(after).toEqual(summary);
  });
});

describe('POST /billing/stripe/webhook', () => {
  it('applies the events Stripe sends, signed over the raw (pretty-printed) body', async () => {
    const id = await participantWithCard('4242424242424242');
    const paid = await paidInvoice(id, '2022-01-01', '2022-02-01');
    const state = await stripe.state();
    const [pi] = intentsOf(state, id);
    const delivery = await delivered('payment_intent.succeeded', pi.id);
    expect(delivery.payload).toContain('\n  "id": "evt_');
    expect(await storedEvents([delivery.event_id])).toEqual([delivery.event_id]);
    expect(await invoice(paid.invoice_id)).toMatchObject({ status: 'succeeded', stripe_charge_id: paid.id, period_applied: true });
    // The same bytes re-serialised (what a JSON round trip would give) no longer match the signature.
    const compact = JSON.stringify(JSON.parse(delivery.payload));
    expect(compact).not.toBe(delivery.payload);
    expect((await postWebhook(compact, delivery.signature)).status).toBe(400);
  });

  it('refuses a bad or missing signature with 400 and changes nothing', async () => {
    const id = await participantWithCard('4242424242424242');
    const paid = await paidInvoice(id, '2022-02-01', '2022-03-01');
    const charge = (await stripe.state()).charges.find((c) => c.id === paid.id)!;
    const payload = refundEvent('evt_forged_refund_1', charge);
    const before = await invoice(paid.invoice_id);
    const flipped = sign(payload).replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    for (const signature of [undefined, sign(payload, 'whsec_not_the_secret'), 't=1,v1=deadbeef', 'garbage', flipped]) {
      const res = await postWebhook(payload, signature);
      expect({ signature, status: res.status, error: typeof res.body.error }).toEqual({ signature, status: 400, error: 'string' });
    }
    // Signed right, but the body changed on the way.
    expect((await postWebhook(payload.replace('"amount_refunded": ', '"amount_refunded": 1'), sign(payload))).status).toBe(400);
    expect(await invoice(paid.invoice_id)).toEqual(before);
    expect(await storedEvents(['evt_forged_refund_1'])).toEqual([]);
  });

  it('refuses a stale signature (an old capture replayed) with 400; the same event signed now is applied', async () => {
    const id = await participantWithCard('4242424242424242');
    const paid = await paidInvoice(id, '2022-03-01', '2022-04-01');
    const charge = (await stripe.state()).charges.find((c) => c.id === paid.id)!;
    const payload = refundEvent('evt_stale_refund_1', charge);
    const stale = await postWebhook(payload, sign(payload, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 3600));
    expect(stale.status).toBe(400);
    expect(stale.body.error).toMatch(/tolerance/);
    expect(await invoice(paid.invoice_id)).toMatchObject({ status: 'succeeded', refunded_amount: 0 });
    expect(await storedEvents(['evt_stale_refund_1'])).toEqual([]);
    const fresh = await postWebhook(payload, sign(payload));
    expect(fresh).toMatchObject({ status: 200, body: { received: true } });
    expect(await invoice(paid.invoice_id)).toMatchObject({ status: 'refunded', refunded_amount: charge.amount });
  });

  it('a replayed or resent event is answered 200 and applied once (charge.refunded)', async () => {
    const id = await participantWithCard('4242424242424242');
    const paid = await paidInvoice(id, '2022-04-01', '2022-05-01');
    const refund = await stripe.api('POST', '/v1/refunds', { charge: paid.id, amount: String(paid.amount / 2) });
    expect(refund.status).toBe(200);
    const delivery = await delivered('charge.refunded', paid.id);
    expect(await invoice(paid.invoice_id)).toMatchObject({ status: 'partially_refunded', refunded_amount: paid.amount / 2 });
    // The captured request again, verbatim (within the tolerance), and Stripe's own resend.
    expect(await postWebhook(delivery.payload, delivery.signature)).toMatchObject({ status: 200, body: { received: true, duplicate: true } });
    await stripe.hook('POST', `/events/${delivery.event_id}/resend`);
    await until('the resent delivery', async () => (await stripe.state({ settle: true })).deliveries.filter((d) => d.event_id === delivery.event_id && d.status === 200).length === 2);
    expect(await invoice(paid.invoice_id)).toMatchObject({ status: 'partially_refunded', refunded_amount: paid.amount / 2 });
    expect(await storedEvents([delivery.event_id])).toEqual([delivery.event_id]);
  });

  it('an invoice waiting for the card holder is paid when Stripe reports the authenticated payment', async () => {
    const id = await participantWithCard('4000002760003184');
    const res = await asAdmin('PUT', participantPath(id, '/payment'), { from_date: '2022-05-01', to_date: '2022-06-01', plan: 'light' });
    expect(res).toMatchObject({ status: 409, body: { details: { payment_status: 'requires_action', failure_code: 'authentication_required' } } });
    const n = res.body.details.invoice_id as string;
    const [pi] = intentsOf(await stripe.state(), id);
    await delivered('payment_intent.payment_failed', pi.id);
    expect(await invoice(n)).toMatchObject({ status: 'requires_action', period_applied: false });
    await stripe.hook('POST', `/payment_intents/${pi.id}/authenticate`);
    await delivered('payment_intent.succeeded', pi.id);
    expect(await invoice(n)).toMatchObject({ status: 'succeeded', period_applied: true, stripe_charge_id: expect.stringMatching(/^ch_/) });
    const profile = await asAdmin('GET', participantPath(id));
    expect(profile.body.billing).toMatchObject({ plan: 'light', paid_from: '2022-05-01', paid_to: '2022-06-01' });
  });
});

describe('automatic top-up', () => {
  const settings = (threshold: bigint, amount = 20000) =>
    ({ amount, currency: 'aud', frequency: 'weekly', coins_threshold: coins(threshold), minimal_amount: false, status: 'active' });
  const setTopup = async (id: string, body: unknown) => expect((await asAdmin('PUT', participantPath(id, '/deposit/topup'), body)).status).toBe(200);
  const charge = (participantId: string, amount: string, key: string) => call(BillingPattern.DepositCharge, { participantId, amount, idempotencyKey: key });
  const deposit = async (id: string) => (await asAdmin('GET', participantPath(id, '/deposit'))).body;
  const topupRows = async (id: string) => (await db.query(`SELECT id::text, status, payment_intent_id, coins::text, failure_code
    FROM participants_billing.deposit_topup_payments WHERE participant_id = $1 ORDER BY id`, [id])).rows;
  const credits = async (id: string) => (await db.query(`SELECT idempotency_key, amount::text FROM participants_billing.deposit_operations
    WHERE participant_id = $1 AND kind = 'credit' ORDER BY id`, [id])).rows;

  afterEach(async () => { await stripe.hook('POST', '/hold', { enabled: false }); });

  it('many concurrent charges below the threshold make one top-up, credited only when Stripe confirms it', async () => {
    const id = await participantWithCard('4242424242424242');
    await call(BillingPattern.DepositCredit, { participantId: id, amount: coins(100), idempotencyKey: 'seed' });
    await setTopup(id, settings(1000n));
    await stripe.hook('POST', '/hold', { enabled: true });
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => charge(id, coins(1), `burst-${i}`)));
    expect(answers.every((a) => BigInt(a.balance) < 1000n * 10n ** 18n)).toBe(true);
    const [pi] = await until('the top-up payment', async () => intentsOf(await stripe.state(), id).filter((p) => p.status === 'processing'));
    await Promise.all(Array.from({ length: 10 }, (_, i) => charge(id, coins(1), `more-${i}`)));
    await new Promise((r) => setTimeout(r, 1500)); // the retry loop runs meanwhile: still one
    expect(intentsOf(await stripe.state(), id)).toHaveLength(1);
    expect(pi).toMatchObject({ amount: 20000, currency: 'aud', metadata: { participant_id: id } });
    const [row] = await topupRows(id);
    expect(await topupRows(id)).toEqual([{ id: row.id, status: 'processing', payment_intent_id: pi.id, coins: coins(20000), failure_code: null }]);
    // Stripe has not confirmed it: nothing credited yet, and the deposit shows it processing.
    expect(await deposit(id)).toMatchObject({ coins: coins(50), last_topup: { status: 'processing', amount: 20000, currency: 'aud', coins: coins(20000) } });

    await stripe.hook('POST', `/payment_intents/${pi.id}/settle`, { outcome: 'succeeded' });
    const confirmed = await delivered('payment_intent.succeeded', pi.id);
    expect(await deposit(id)).toMatchObject({ coins: coins(50 + 20000), last_topup: { status: 'succeeded', failure_code: null } });
    expect(await credits(id)).toEqual([{ idempotency_key: 'seed', amount: coins(100) }, { idempotency_key: `topup-${row.id}`, amount: coins(20000) }]);
    // A replay credits nothing more; a later charge still below the threshold waits for the next week.
    expect((await postWebhook(confirmed.payload, confirmed.signature)).body).toEqual({ received: true, duplicate: true });
    await charge(id, coins(1), 'after');
    await new Promise((r) => setTimeout(r, 800));
    expect(await topupRows(id)).toHaveLength(1);
    expect((await deposit(id)).coins).toBe(coins(49 + 20000));

    // Refunded: the coins go back out, once.
    await stripe.api('POST', '/v1/refunds', { payment_intent: pi.id });
    const refunded = await delivered('charge.refunded', pi.latest_charge!);
    expect(await deposit(id)).toMatchObject({ coins: coins(49), last_topup: { status: 'refunded' } });
    expect((await postWebhook(refunded.payload, refunded.signature)).body).toEqual({ received: true, duplicate: true });
    expect((await deposit(id)).coins).toBe(coins(49));
  });

  it('a declined top-up leaves the deposit as it was and shows in GET deposit; saving the settings again re-arms it', async () => {
    const id = await participantWithCard('4000000000000341');
    await call(BillingPattern.DepositCredit, { participantId: id, amount: coins(10), idempotencyKey: 'seed' });
    await setTopup(id, settings(100n, 5000));
    await charge(id, coins(1), 'first');
    const [row] = await until('the failed top-up', async () => (await topupRows(id)).filter((r) => r.status === 'failed'));
    expect(row).toMatchObject({ failure_code: 'card_declined', payment_intent_id: expect.stringMatching(/^pi_/) });
    await delivered('payment_intent.payment_failed', row.payment_intent_id);
    expect(await deposit(id)).toMatchObject({
      coins: coins(9), last_topup: { status: 'failed', failure_code: 'card_declined', failure_message: 'Your card was declined.', amount: 5000, coins: coins(5000) },
    });
    expect(await credits(id)).toEqual([{ idempotency_key: 'seed', amount: coins(10) }]);
    // A declined card is not retried on every charge.
    await charge(id, coins(1), 'second');
    await new Promise((r) => setTimeout(r, 800));
    expect(await topupRows(id)).toHaveLength(1);
    // A working card and the settings saved again: the next charge tops up.
    await attachCard(id, '4242424242424242');
    await setTopup(id, settings(100n, 5000));
    await charge(id, coins(1), 'third');
    await until('the second top-up credited', async () => (await deposit(id)).last_topup?.status === 'succeeded');
    expect((await deposit(id)).coins).toBe(coins(7 + 5000));
    expect(await topupRows(id)).toHaveLength(2);
  });

  it('a top-up Stripe does not take at first (5xx) is retried with its idempotency key: one payment, credited once', async () => {
    const id = await participantWithCard('4242424242424242');
    await call(BillingPattern.DepositCredit, { participantId: id, amount: coins(10), idempotencyKey: 'seed' });
    await setTopup(id, settings(100n, 1000));
    await stripe.hook('POST', '/faults', { method: 'POST', path: '/v1/payment_intents', responses: [{ status: 500 }, { status: 500 }, { status: 502 }] });
    await charge(id, coins(1), 'first');
    await until('the retried top-up credited', async () => (await deposit(id)).last_topup?.status === 'succeeded');
    const [row] = await topupRows(id);
    const attempts = (await stripe.state()).requests.filter((r) => r.path === '/v1/payment_intents' && r.idempotencyKey === `topup-${row.id}`);
    expect(attempts.map((r) => r.status)).toEqual([500, 500, 502, 200]);
    expect(intentsOf(await stripe.state(), id)).toHaveLength(1);
    expect((await deposit(id)).coins).toBe(coins(9 + 1000));
  });
});

describe('secrets', () => {
  it('neither the webhook signing secret nor the API key reaches any log', () => {
    const logs = sys.logs() + stripe.output();
    expect(logs).toContain('stripe event');
    expect(logs).not.toContain(WEBHOOK_SECRET);
    expect(logs).not.toContain(STRIPE_KEY);
  });
});

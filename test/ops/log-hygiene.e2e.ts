// Runs a realistic flow through the worker's shared system (at LOG_LEVEL=debug), then greps every
// process's output, which holds what the suites before this one did there too: no password, argon2 hash, ticket, activation code, card number, API secret,
// idempotency key or balance, also from statements that fail (duplicate sign-ups, an email and
// password change onto a taken email, deposits that fail, declined cards); every line JSON; one
// request id followed from the gateway into identity's log.
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { firstValueFrom } from 'rxjs';
import { BillingPattern } from '#libs/contracts';
import { RedisStreamsClient, StreamRecord } from '#libs/transport';
import { activationCodeFromMime } from '../identity/identity-process.js';
import { STRIPE_KEY } from '../participants-billing/support/harness.js';
import { type SharedSystem, sharedSystem } from '../support/shared-system.js';
import { APPS, http, lastMailTo, SYSTEM_ADMIN } from '../support/system.js';
import { Events, IdentityPattern } from '#libs/contracts';
import { eventually } from '../support/service-harness.js';

jest.setTimeout(120_000);

const SYSTEM_PARTICIPANT = 'urn:authenticateit:participant:1';
const email = `hygiene-${Date.now()}@rewards.test`;
const PASSWORD = 'Hygiene-first-Pass-7731';
const NEW_PASSWORD = 'Hygiene-second-Pass-9902';
const BAD_REQUEST_PASSWORD = 'Hygiene-bad-request-Pass-4410';
const CARD = { number: '5200828282828210', exp_month: 12, exp_year: new Date().getUTCFullYear() + 2, cvc: 323, name: 'JANE DOE' };
const TRACED_REQUEST_ID = `hygiene-${randomUUID()}`;
/** DELETE /account: gateway → identity → user.deleted to rewards, billing and certificates. */
const TRACED_DELETE_ID = `hygiene-delete-${randomUUID()}`;
const DUPLICATE_PASSWORD = 'Hygiene-duplicate-Pass-5521';
const TAKEN_EMAIL_PASSWORD = 'Hygiene-taken-email-Pass-6634';
const THIRD_PASSWORD = 'Hygiene-third-Pass-7745';
const DECLINED_CARD = { number: '4000000000000002', exp_month: 11, exp_year: new Date().getUTCFullYear() + 3, cvc: 577, name: 'JOHN ROE' };
/** Coins that overflow numeric(78,0) when credited twice: the second statement fails in PostgreSQL. */
const HUGE_COINS = '9'.repeat(78);
const CREDITED_COINS = '7301234567890123456789';

let sys: SharedSystem;
const secrets: Record<string, string> = {
  password: PASSWORD, 'new password': NEW_PASSWORD, 'password of a bad request': BAD_REQUEST_PASSWORD,
  'admin password': SYSTEM_ADMIN.password, 'card number': CARD.number, 'card number (tail)': CARD.number.slice(-10),
  'password of a duplicate sign-up': DUPLICATE_PASSWORD, 'password sent with a taken email': TAKEN_EMAIL_PASSWORD,
  'third password': THIRD_PASSWORD, 'declined card number': DECLINED_CARD.number, 'Stripe secret key': STRIPE_KEY,
  'overflowing coins': HUGE_COINS, 'credited coins': CREDITED_COINS,
};
let db: pg.Client;
/** Records the user's current argon2 hash as a secret (read from identity.users). */
async function rememberHash(label: string, userId: string): Promise<void> {
  const { rows } = await db.query('SELECT password_hash FROM identity.users WHERE id = $1', [userId]);
  if (!rows[0]?.password_hash?.startsWith('$argon2id$')) throw new Error(`no argon2 hash for ${userId}`);
  secrets[label] = rows[0].password_hash;
  secrets[`${label} (digest)`] = rows[0].password_hash.split('$').at(-1);
}

const call = (method: string, path: string, opts?: Parameters<typeof http>[3]) => http(sys.baseUrl, method, path, opts);
const withTicket = (ticket: string, extra: Record<string, string> = {}) => ({ authenticateit_identity_ticket: ticket, ...extra });

beforeAll(async () => {
  sys = await sharedSystem();
  db = new pg.Client({ connectionString: sys.databaseUrl });
  await db.connect();
  await runFlow();
}, 240_000);
afterAll(async () => {
  await db?.end();
  await sys?.stop();
});

async function runFlow(): Promise<void> {
  const expectStatus = (res: { status: number; body: any }, status: number, step: string) => {
    if (res.status !== status) throw new Error(`${step}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  expectStatus(await call('POST', '/identity-service/account', { body: { email, password: PASSWORD, first_name: 'Hygiene', language: 'en' } }), 200, 'create account');
  const code = activationCodeFromMime(lastMailTo(sys.outboxDir, email) ?? '');
  if (!code) throw new Error('no activation mail');
  secrets['activation code'] = code;
  expectStatus(await call('GET', `/identity-service/account/activate/${code}`), 200, 'activate');
  const userId = `urn:authenticateit:user:email:${email}`;
  await rememberHash('hash of the first password', userId);
  expectStatus(await call('POST', '/identity-service/account', { body: { email, password: DUPLICATE_PASSWORD } }), 409, 'duplicate sign-up');

  const first = expectStatus(await call('POST', '/identity-service/session', { body: { email, password: PASSWORD } }), 200, 'sign in');
  secrets.ticket = first.body.ticket;
  expectStatus(await call('GET', '/identity-service/account', { headers: withTicket(first.body.ticket, { 'x-request-id': TRACED_REQUEST_ID }) }), 200, 'profile');
  expectStatus(await call('POST', '/identity-service/session', { body: { email, password: BAD_REQUEST_PASSWORD } }), 401, 'wrong password');
  expectStatus(await call('POST', '/identity-service/account', { body: { email: 'not-an-email', password: BAD_REQUEST_PASSWORD, extra: 1 } }), 400, 'bad request');

  expectStatus(await call('PUT', '/identity-service/account/pending_participant', {
    headers: withTicket(first.body.ticket),
    body: { pending_plan: 'complete', country: '036', card: CARD,
      pending_participant: { company_prefix: `95${String(Date.now()).slice(-7)}`, name: 'Hygiene Brand', participant_type: 'product360' } },
  }), 200, 'participant registration with a card');
  const attached = (await sys.stripe.state()).payment_methods.some((m) => m.card.last4 === CARD.number.slice(-4));
  if (!attached) throw new Error('the card did not reach the Stripe stand-in');

  expectStatus(await call('PUT', '/identity-service/account', {
    headers: withTicket(first.body.ticket), body: { old_password: PASSWORD, password: NEW_PASSWORD },
  }), 200, 'change password');
  await rememberHash('hash of the new password', userId);
  const second = expectStatus(await call('POST', '/identity-service/session', { body: { email, password: NEW_PASSWORD } }), 200, 'sign in again');
  secrets['second ticket'] = second.body.ticket;
  await emailAndPasswordChanges(second.body.ticket);
  await declinedCard();
  await failedDeposits();

  const leaving = `hygiene-leaving-${Date.now()}@rewards.test`;
  expectStatus(await call('POST', '/identity-service/account', { body: { email: leaving, password: PASSWORD } }), 200, 'create a second account');
  expectStatus(await call('GET', `/identity-service/account/activate/${activationCodeFromMime(lastMailTo(sys.outboxDir, leaving) ?? '')}`), 200, 'activate it');
  const gone = expectStatus(await call('POST', '/identity-service/session', { body: { email: leaving, password: PASSWORD } }), 200, 'sign in to it');
  secrets['ticket of the deleted account'] = gone.body.ticket;
  expectStatus(await call('DELETE', '/identity-service/account', { headers: withTicket(gone.body.ticket, { 'x-request-id': TRACED_DELETE_ID }) }), 200, 'delete it');

  const admin = expectStatus(await call('POST', '/identity-service/session', { body: SYSTEM_ADMIN }), 200, 'admin sign in');
  secrets['admin ticket'] = admin.body.ticket;
  expectStatus(await call('POST', '/identity-service/session/switch-context', {
    headers: withTicket(admin.body.ticket), body: { new_participant: SYSTEM_PARTICIPANT },
  }), 200, 'switch context');
}

/** An email and password change onto a taken email (the UPDATE fails on the unique email), then one that works. */
async function emailAndPasswordChanges(ticket: string): Promise<void> {
  const other = `hygiene-other-${Date.now()}@rewards.test`;
  await call('POST', '/identity-service/account', { body: { email: other, password: PASSWORD } });
  const taken = await call('PUT', '/identity-service/account', { headers: withTicket(ticket), body: { email: other, old_password: NEW_PASSWORD, password: TAKEN_EMAIL_PASSWORD } });
  if (taken.status !== 409) throw new Error(`change onto a taken email: ${taken.status} ${JSON.stringify(taken.body)}`);
  const moved = `hygiene-moved-${Date.now()}@rewards.test`;
  const changed = await call('PUT', '/identity-service/account', { headers: withTicket(ticket), body: { email: moved, old_password: NEW_PASSWORD, password: THIRD_PASSWORD } });
  if (changed.status !== 200) throw new Error(`email and password change: ${changed.status} ${JSON.stringify(changed.body)}`);
  await rememberHash('hash of the third password', `urn:authenticateit:user:email:${email}`);
  const again = await call('POST', '/identity-service/session', { body: { email: moved, password: THIRD_PASSWORD } });
  if (again.status !== 200) throw new Error(`sign in after the change: ${again.status}`);
  secrets['third ticket'] = again.body.ticket;
}

/** A participant registration whose card the provider declines. */
async function declinedCard(): Promise<void> {
  const who = `hygiene-declined-${Date.now()}@rewards.test`;
  await call('POST', '/identity-service/account', { body: { email: who, password: PASSWORD } });
  await call('GET', `/identity-service/account/activate/${activationCodeFromMime(lastMailTo(sys.outboxDir, who) ?? '')}`);
  const ticket = (await call('POST', '/identity-service/session', { body: { email: who, password: PASSWORD } })).body.ticket;
  const res = await call('PUT', '/identity-service/account/pending_participant', {
    headers: withTicket(ticket),
    body: { pending_plan: 'complete', country: '036', card: DECLINED_CARD,
      pending_participant: { company_prefix: `96${String(Date.now()).slice(-7)}`, name: 'Declined Brand', participant_type: 'product360' } },
  });
  // Refused either way (the status itself is pinned by billing's and identity's own suites): only the logs matter here.
  if (res.status < 400) throw new Error(`declined card accepted: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Deposits that fail: an unknown participant, an overdraft, a key reused for another amount, a balance past numeric(78,0). */
async function failedDeposits(): Promise<void> {
  const billing = new RedisStreamsClient({ url: sys.redisUrl, service: 'participants-billing', caller: 'rewards', timeoutMs: 5000 });
  const send = (pattern: string, data: unknown) => firstValueFrom(billing.send(pattern, new StreamRecord(data, {})));
  const failed = (pattern: string, data: unknown) => send(pattern, data).then((r) => { throw new Error(`${pattern} succeeded: ${JSON.stringify(r)}`); }, (e) => e);
  try {
    const participant = await send(BillingPattern.ParticipantCreate, { name: 'Hygiene Deposits', company_prefix: `97${String(Date.now()).slice(-7)}` }) as { id: string };
    const key = (what: string) => { const k = `hygiene-${what}-${randomUUID()}`; secrets[`idempotency key (${what})`] = k; return k; };
    await send(BillingPattern.DepositCredit, { participantId: participant.id, amount: CREDITED_COINS, idempotencyKey: key('credit') });
    await failed(BillingPattern.DepositCharge, { participantId: 'urn:authenticateit:participant:999999999', amount: '5', idempotencyKey: key('unknown participant') });
    await failed(BillingPattern.DepositCharge, { participantId: participant.id, amount: `${CREDITED_COINS}0`, idempotencyKey: key('overdraft') });
    const reused = key('reused');
    await send(BillingPattern.DepositCharge, { participantId: participant.id, amount: '11', idempotencyKey: reused });
    await failed(BillingPattern.DepositCharge, { participantId: participant.id, amount: '12', idempotencyKey: reused });
    await send(BillingPattern.DepositCredit, { participantId: participant.id, amount: HUGE_COINS, idempotencyKey: key('huge') }).catch((e) => e);
    await failed(BillingPattern.DepositCredit, { participantId: participant.id, amount: HUGE_COINS, idempotencyKey: key('overflow') });
  } finally {
    await billing.close();
  }
}

const outputs = () => APPS.map((app) => [app, sys.output(app)] as const);

describe('log hygiene', () => {
  it('logged something at debug in every process (the grep below is not vacuous)', () => {
    for (const [, out] of outputs()) expect(out.split('\n').filter(Boolean).length).toBeGreaterThan(3);
    expect(sys.output('identity')).toContain('"handled"');
  });

  it('no password, ticket, activation code or card number in any process output', () => {
    expect(Object.keys(secrets)).toEqual(expect.arrayContaining(['ticket', 'second ticket', 'admin ticket', 'activation code']));
    const leaks = outputs().flatMap(([app, out]) =>
      Object.entries(secrets).filter(([, secret]) => out.includes(secret)).map(([what]) => `${what} in ${app}`));
    expect(leaks).toEqual([]);
  });

  it('no argon2 hash at all in any process output, and no SQL parameters even where statements failed', () => {
    for (const [app, out] of outputs()) expect({ app, hashes: out.match(/\$argon2i?d?\$[^"\s]*/g) ?? [] }).toEqual({ app, hashes: [] });
    // The failures did reach the database logger (the grep above covers them): as statement, SQLSTATE and constraint.
    const failedStatements = outputs().flatMap(([, out]) => out.split('\n').filter((l) => l.includes('"query failed"')).map((l) => fieldsOf(JSON.parse(l))));
    expect(failedStatements).toEqual(expect.arrayContaining([
      expect.objectContaining({ context: 'Database', code: '23505', statement: expect.stringMatching(/^INSERT INTO "identity"\."users"/) }),
      expect.objectContaining({ context: 'Database', code: '23505', statement: expect.stringMatching(/^UPDATE "identity"\."users"/) }),
      expect.objectContaining({ context: 'Database', code: '22003' }),
    ]));
    for (const line of failedStatements) expect(Object.keys(line)).not.toContain('parameters');
  });

  it('every line every process wrote is JSON', () => {
    const notJson = outputs().flatMap(([app, out]) => out.split('\n').filter((line) => line.trim() !== '' && !isJsonObject(line)).map((l) => `${app}: ${l}`));
    expect(notJson).toEqual([]);
  });

  it('one request id appears in both the gateway log and identity log', () => {
    const linesWith = (app: string) => sys.output(app).split('\n').filter((l) => l.includes(TRACED_REQUEST_ID)).map((l) => fieldsOf(JSON.parse(l)));
    const gateway = linesWith('gateway');
    const identity = linesWith('identity');
    expect(gateway).toEqual(expect.arrayContaining([expect.objectContaining({ requestId: TRACED_REQUEST_ID, route: '/identity-service/account', status: 200 })]));
    expect(identity).toEqual(expect.arrayContaining([expect.objectContaining({ requestId: TRACED_REQUEST_ID, pattern: IdentityPattern.AccountGet })]));
  });

  it('one request id follows a deletion from the gateway through identity to every service that acts on it', async () => {
    const linesWith = (app: string) => sys.output(app).split('\n').filter((l) => l.includes(TRACED_DELETE_ID)).map((l) => fieldsOf(JSON.parse(l)));
    expect(linesWith('gateway')).toEqual(expect.arrayContaining([expect.objectContaining({ requestId: TRACED_DELETE_ID, status: 200 })]));
    expect(linesWith('identity')).toEqual(expect.arrayContaining([expect.objectContaining({ requestId: TRACED_DELETE_ID, pattern: IdentityPattern.AccountDelete })]));
    // The event's handlers run later and elsewhere, but under the same request id.
    for (const app of ['rewards', 'participants-billing', 'certificates']) {
      await eventually(async () => {
        expect(linesWith(app)).toEqual(expect.arrayContaining([expect.objectContaining({ requestId: TRACED_DELETE_ID, pattern: Events.UserDeleted })]));
      });
    }
  });
});

/** A log line's fields: Nest's JSON logger nests an object message under `message`, structured params under `params`. */
function fieldsOf(line: Record<string, unknown>): Record<string, unknown> {
  const nested = (v: unknown) => (typeof v === 'object' && v !== null ? v : {});
  return { ...line, ...nested(line.message), ...nested(line.params) };
}

function isJsonObject(line: string): boolean {
  try {
    const value = JSON.parse(line);
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}

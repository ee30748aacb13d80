// Runs a realistic flow through the whole system at LOG_LEVEL=debug, then greps every process's
// output: no password, ticket, activation code or card number; every line JSON; one request id
// followed from the gateway into identity's log.
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { activationCodeFromMime } from '../identity/identity-process.js';
import { STRIPE_KEY, type StripeStandin, startStripeStandin } from '../participants-billing/support/harness.js';
import { http, lastMailTo, type RunningSystem, startSystem, SYSTEM_ADMIN } from '../support/system.js';
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

let stripe: StripeStandin;
let sys: RunningSystem;
const secrets: Record<string, string> = {
  password: PASSWORD, 'new password': NEW_PASSWORD, 'password of a bad request': BAD_REQUEST_PASSWORD,
  'admin password': SYSTEM_ADMIN.password, 'card number': CARD.number, 'card number (tail)': CARD.number.slice(-10),
};

const call = (method: string, path: string, opts?: Parameters<typeof http>[3]) => http(sys.baseUrl, method, path, opts);
const withTicket = (ticket: string, extra: Record<string, string> = {}) => ({ authenticateit_identity_ticket: ticket, ...extra });

beforeAll(async () => {
  stripe = await startStripeStandin();
  sys = await startSystem({ LOG_LEVEL: 'debug', STRIPE_API_BASE: stripe.base, STRIPE_SECRET_KEY: STRIPE_KEY });
  await runFlow();
}, 240_000);
afterAll(async () => {
  await sys?.stop();
  await stripe?.stop();
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
  const attached = (await stripe.state()).payment_methods.some((m) => m.card.last4 === CARD.number.slice(-4));
  if (!attached) throw new Error('the card did not reach the Stripe stand-in');

  expectStatus(await call('PUT', '/identity-service/account', {
    headers: withTicket(first.body.ticket), body: { old_password: PASSWORD, password: NEW_PASSWORD },
  }), 200, 'change password');
  const second = expectStatus(await call('POST', '/identity-service/session', { body: { email, password: NEW_PASSWORD } }), 200, 'sign in again');
  secrets['second ticket'] = second.body.ticket;

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

const outputs = () => Object.entries(sys.processes).map(([app, p]) => [app, p.output()] as const);

describe('log hygiene', () => {
  it('logged something at debug in every process (the grep below is not vacuous)', () => {
    for (const [, out] of outputs()) expect(out.split('\n').filter(Boolean).length).toBeGreaterThan(3);
    expect(sys.processes.identity.output()).toContain('"handled"');
  });

  it('no password, ticket, activation code or card number in any process output', () => {
    expect(Object.keys(secrets)).toEqual(expect.arrayContaining(['ticket', 'second ticket', 'admin ticket', 'activation code']));
    const leaks = outputs().flatMap(([app, out]) =>
      Object.entries(secrets).filter(([, secret]) => out.includes(secret)).map(([what]) => `${what} in ${app}`));
    expect(leaks).toEqual([]);
  });

  it('every line every process wrote is JSON', () => {
    const notJson = outputs().flatMap(([app, out]) => out.split('\n').filter((line) => line.trim() !== '' && !isJsonObject(line)).map((l) => `${app}: ${l}`));
    expect(notJson).toEqual([]);
  });

  it('one request id appears in both the gateway log and identity log', () => {
    const linesWith = (app: string) => sys.processes[app].output().split('\n').filter((l) => l.includes(TRACED_REQUEST_ID)).map((l) => fieldsOf(JSON.parse(l)));
    const gateway = linesWith('gateway');
    const identity = linesWith('identity');
    expect(gateway).toEqual(expect.arrayContaining([expect.objectContaining({ requestId: TRACED_REQUEST_ID, route: '/identity-service/account', status: 200 })]));
    expect(identity).toEqual(expect.arrayContaining([expect.objectContaining({ requestId: TRACED_REQUEST_ID, pattern: IdentityPattern.AccountGet })]));
  });

  it('one request id follows a deletion from the gateway through identity to every service that acts on it', async () => {
    const linesWith = (app: string) => sys.processes[app].output().split('\n').filter((l) => l.includes(TRACED_DELETE_ID)).map((l) => fieldsOf(JSON.parse(l)));
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

// An error keeps its kind on the way back through every service: gateway → identity → billing
// (PUT /account/pending_participant with a card) answers 400 for a declined card and 503 when the
// payment provider cannot be reached, never 500.
import { jest } from '@jest/globals';
import { sharedSystem } from '../support/shared-system.js';
import { freePort } from '../support/processes.js';
import { restartWith, type RunningSystem } from '../support/system.js';
import { activeUser, signInSystemAdmin } from '../support/trust-callers.js';
import { caller, uniquePrefix } from './journey-support.js';

jest.setTimeout(120_000);

const card = (number: string) => ({ number, exp_month: 12, exp_year: new Date().getUTCFullYear() + 2, cvc: 123, name: 'CARD HOLDER' });
const registration = (number: string) => ({
  pending_plan: 'complete', country: '036', card: card(number),
  pending_participant: { company_prefix: uniquePrefix(), name: 'Hops Brand', participant_type: 'product360' },
});

describe('through identity to billing and the payment provider', () => {
  let sys: RunningSystem;

  beforeAll(async () => { sys = await sharedSystem(); }, 180_000);

  it('a declined card is the client\'s 400 with billing\'s message, nothing submitted', async () => {
    const user = await activeUser(sys, 'hops-declined');
    const answer = await caller(sys)('PUT', '/identity-service/account/pending_participant', { ticket: user.ticket, body: registration('4000000000000002'), expect: 400 });
    expect(answer.body.error).toMatch(/declined/i);
    const admin = await signInSystemAdmin(sys);
    await caller(sys)('POST', '/identity-service/account/pending_participant/get_code', { ticket: admin.ticket, body: { id: user.userId }, expect: 404 });
  });

  it('a good card goes through (the route works at all)', async () => {
    const user = await activeUser(sys, 'hops-good');
    await caller(sys)('PUT', '/identity-service/account/pending_participant', { ticket: user.ticket, body: registration('4242424242424242') });
  });
});

describe('when the payment provider cannot be reached', () => {
  let sys: RunningSystem;
  let restore: (() => Promise<void>) | undefined;

  // The worker's shared system, its billing restarted against a port nobody listens on.
  beforeAll(async () => {
    sys = await sharedSystem();
    restore = await restartWith(sys, 'participants-billing', { STRIPE_API_BASE: `http://127.0.0.1:${await freePort()}` });
  }, 180_000);
  afterAll(async () => { await restore?.(); });

  it('answers 503 (unavailable), not 500', async () => {
    const user = await activeUser(sys, 'hops-down');
    const answer = await caller(sys)('PUT', '/identity-service/account/pending_participant', { ticket: user.ticket, body: registration('4242424242424242'), expect: 503 });
    expect(answer.body.error).toMatch(/unavailable/i);
  });
});

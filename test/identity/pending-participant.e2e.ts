import { jest } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BillingService, type StripeStandin, createDatabase, startBilling, startStripeStandin } from '../participants-billing/support/harness.js';
import { type IdentityHarness, startIdentity } from './identity-process.js';
import { activeUser, signInAdmin, type SignedIn, unique } from './blocks-support.js';
import { BillingPattern, Events, IdentityPattern } from '#libs/contracts';
import { eventually } from '../support/service-harness.js';

jest.setTimeout(120_000);

const MODERATOR = 'moderator@rewards.test';
const CARD = { number: '5200828282828210', exp_month: 12, exp_year: 2099, name: 'JANE DOE', cvc: 323 };

let id: IdentityHarness;
let stripe: StripeStandin;
let billing: BillingService;
let billingDb: Awaited<ReturnType<typeof createDatabase>>;
let admin: SignedIn;

beforeAll(async () => {
  billingDb = await createDatabase();
  stripe = await startStripeStandin();
  billing = await startBilling(billingDb.url, stripe.base);
  id = await startIdentity({ MODERATOR_EMAIL: MODERATOR });
  admin = await signInAdmin(id);
});
afterAll(async () => {
  await id?.stop();
  await billing?.stop();
  await stripe?.stop();
  await billingDb?.close();
});

const mailsTo = (to: string) => readdirSync(id.outboxDir).filter((f) => f.endsWith('.eml')).sort()
  .map((f) => readFileSync(join(id.outboxDir, f), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '='))
  .filter((m) => new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(m));
const linkCode = (mail: string, action: 'approve' | 'reject') => new RegExp(`/identity-service/pending_participant/([0-9a-f-]{36})/${action}`).exec(mail)?.[1];

function registration(prefix: string) {
  return {
    email: 'email@mailinator.com', password: 'qwerty', first_name: 'first_name', pending_plan: 'complete',
    pending_participant: { company_prefix: prefix, name: `Brand ${prefix}`, brand_name: 'Test1', participant_type: 'product360' },
    gs1_activation_code: '22777772231', country: '036',
  };
}

describe('identity: pending participant (brand unlock)', () => {
  let user: SignedIn;
  const prefix = `93${String(Date.now()).slice(-7)}`;

  beforeAll(async () => { user = await activeUser(id, `brand.${unique()}@example.com`); });

  it('submits with a card: the card goes to billing only, the moderator gets approve/reject links', async () => {
    const answer = await id.call(IdentityPattern.PendingParticipantUpdate, { body: { ...registration(prefix), card: CARD } }, user.session);
    expect(answer).toEqual({ pending_participant: {
      company_prefix: prefix, name: `Brand ${prefix}`, brand_name: 'Test1', participant_type: 'product360', country: '036', pending_plan: 'complete', gs1_activation_code: '22777772231', status: 'submitted',
    } });
    const state = await stripe.state();
    expect(state.customers.some((c) => Object.values(c.metadata).includes(user.userId))).toBe(true);
    expect(state.payment_methods.some((m) => m.card.last4 === '8210')).toBe(true);

    const [mail] = mailsTo(MODERATOR).filter((m) => m.includes(user.userId));
    expect(mail).toBeDefined();
    expect(linkCode(mail, 'approve')).toBe(linkCode(mail, 'reject'));
    expect(mail).toContain('https://api.rewards.test/identity-service/pending_participant/');
    // The card number is nowhere on identity's side.
    const everything = [id.logs(), ...readdirSync(id.outboxDir).map((f) => readFileSync(join(id.outboxDir, f), 'utf8')),
      JSON.stringify((await id.db.query('SELECT * FROM identity.pending_participants')).rows)].join('\n');
    expect(everything).not.toContain(CARD.number);
    expect(everything).not.toContain('82828210');
  });

  it('get_code answers the code for system users only', async () => {
    const code = linkCode(mailsTo(MODERATOR).filter((m) => m.includes(user.userId)).at(-1)!, 'approve');
    expect(await id.call(IdentityPattern.PendingParticipantGetCode, { body: { id: user.userId } }, admin.session)).toEqual({ code });
    expect(await id.fail(IdentityPattern.PendingParticipantGetCode, { body: { id: user.userId } }, user.session)).toMatchObject({ kind: 'forbidden' });
    expect(await id.fail(IdentityPattern.PendingParticipantGetCode, { body: { id: 'urn:authenticateit:user:email:none@x.test' } }, admin.session)).toMatchObject({ kind: 'not_found' });
  });

  it('approve creates the participant at billing and makes the user its security admin, once', async () => {
    const { code } = await id.call<{ code: string }>(IdentityPattern.PendingParticipantGetCode, { body: { id: user.userId } }, admin.session);
    const approved = await id.call<{ status: string; participant: { id: string; name: string } }>(IdentityPattern.PendingParticipantApprove, { params: { code } });
    expect(approved).toMatchObject({ status: 'approved', participant: { id: expect.stringMatching(/^urn:authenticateit:participant:/), name: `Brand ${prefix}` } });
    const [summary] = await billing.call(BillingPattern.ParticipantsSummaries, { ids: [approved.participant.id] });
    expect(summary).toMatchObject({ id: approved.participant.id, name: `Brand ${prefix}`, company_prefix: [prefix] });
    const roles = (await id.db.query('SELECT roles FROM identity.memberships WHERE user_id = $1 AND participant_id = $2', [user.userId, approved.participant.id])).rows[0]?.roles;
    expect(roles).toEqual(['security_admin', 'product_line', 'user']);
    // A second click changes nothing.
    expect(await id.call(IdentityPattern.PendingParticipantApprove, { params: { code } })).toMatchObject({ status: 'approved', participant: { id: approved.participant.id } });
    expect((await billing.http(BillingPattern.ParticipantsList, { body: { name: `Brand ${prefix}` } })).count).toBe(1);
    expect(await id.fail(IdentityPattern.PendingParticipantReject, { params: { code } })).toMatchObject({ kind: 'conflict' });
  });

  it('reject with a reason: the user is told, approve is no longer possible', async () => {
    const other = await activeUser(id, `rejected.${unique()}@example.com`);
    await id.call(IdentityPattern.PendingParticipantUpdate, { body: registration(`94${String(Date.now()).slice(-7)}`) }, other.session);
    const { code } = await id.call<{ code: string }>(IdentityPattern.PendingParticipantGetCode, { body: { id: other.userId } }, admin.session);
    expect(await id.call(IdentityPattern.PendingParticipantRejectWithReason, { body: { code, reason: 'Prefix belongs to someone else' } })).toEqual({ status: 'rejected' });
    expect(await id.count(`SELECT count(*) FROM identity.pending_participants WHERE user_id = $1 AND status = 'rejected' AND reason = 'Prefix belongs to someone else'`, [other.userId])).toBe(1);
    const told = mailsTo(other.userId.split(':').pop()!).filter((m) => m.includes('Prefix belongs to someone else'));
    expect(told).toHaveLength(1);
    expect(await id.fail(IdentityPattern.PendingParticipantApprove, { params: { code } })).toMatchObject({ kind: 'conflict' });
    // The moderator's reject link on an already rejected registration is harmless.
    expect(await id.call(IdentityPattern.PendingParticipantReject, { params: { code } })).toEqual({ status: 'rejected' });
  });

  it('garbage codes are 404, bad input 400, missing fields named', async () => {
    for (const code of ['nope', '00000000-0000-4000-8000-000000000000', "'; DROP TABLE x; --"]) {
      expect(await id.fail(IdentityPattern.PendingParticipantApprove, { params: { code } })).toMatchObject({ kind: 'not_found' });
    }
    expect(await id.fail(IdentityPattern.PendingParticipantRejectWithReason, { body: { reason: 'x' } })).toMatchObject({ kind: 'invalid_input' });
    const fresh = await activeUser(id, `incomplete.${unique()}@example.com`);
    const missing = await id.fail(IdentityPattern.PendingParticipantUpdate, { body: { pending_participant: { name: 'No Prefix' } } }, fresh.session);
    expect(missing).toMatchObject({ kind: 'invalid_input' });
    expect(JSON.stringify(missing.details)).toContain('company_prefix');
    expect(JSON.stringify(missing.details)).toContain('country');
    expect(await id.fail(IdentityPattern.PendingParticipantUpdate, { body: { ...registration('12'), card: CARD } }, fresh.session)).toMatchObject({ kind: 'invalid_input' });
    expect(await id.fail(IdentityPattern.PendingParticipantUpdate, { body: { ...registration('9512345'), card: { ...CARD, number: 'x' } } }, fresh.session)).toMatchObject({ kind: 'invalid_input' });
    expect(await id.fail(IdentityPattern.PendingParticipantUpdate, { body: registration('9512345') })).toMatchObject({ kind: 'unauthenticated' });
    expect(await id.count('SELECT count(*) FROM identity.pending_participants WHERE user_id = $1', [fresh.userId])).toBe(0);
  });
});

describe('identity: participant.registration-requested for a user identity does not know', () => {
  it('is dropped with a warning: nothing stored, no moderator mail, no error, no retry', async () => {
    const userId = `urn:authenticateit:user:email:gone.${unique()}@example.com`;
    const requestId = `req-${unique()}`;
    const mailsBefore = mailsTo(MODERATOR).length;
    await billing.emit(Events.ParticipantRegistrationRequested, {
      requestId, userId, company_prefix: '9300000', name: 'Gone brand', brand_name: ['Gone'], country: '036', participant_type: 'product360', pending_plan: 'complete',
    });
    await eventually(async () => expect(id.logs()).toContain(`"requestId":"${requestId}"`));
    expect(id.logs()).toContain('participant registration request dropped: no such user');
    expect(await id.count('SELECT count(*) FROM identity.pending_participants WHERE user_id = $1', [userId])).toBe(0);
    expect(mailsTo(MODERATOR)).toHaveLength(mailsBefore);
    const line = id.logs().split('\n').find((l) => l.includes(requestId))!;
    expect(line).toMatch(/"level":"warn"/);
    expect(id.logs().split('\n').filter((l) => l.includes(requestId) && /"level":"error"/.test(l))).toEqual([]);
  });
});

describe('identity: pending_participant given at sign-up (POST /account)', () => {
  it('keeps it as a draft, echoes it with tech_email_used, and refuses a malformed one writing nothing', async () => {
    const email = `signup.${unique()}@example.com`;
    const draft = { company_prefix: '9312345', name: 'Signup Brand', brand_name: 'SB', participant_type: 'product360' };
    const created = await id.call<Record<string, unknown>>(IdentityPattern.AccountCreate, { body: { email, password: 'qwerty1', pending_participant: draft } });
    expect(created.pending_participant).toEqual({ ...draft, tech_email_used: false });
    const userId = `urn:authenticateit:user:email:${email}`;
    const rows = (await id.db.query('SELECT status, details FROM identity.pending_participants WHERE user_id = $1', [userId])).rows;
    expect(rows).toEqual([{ status: 'draft', details: draft }]);

    const users = await id.count('SELECT count(*) FROM identity.users');
    const bad = await id.fail(IdentityPattern.AccountCreate, { body: {
      email: `bad.${unique()}@example.com`, password: 'qwerty1', pending_participant: { participant_type: 'other', company_prefix: '12' },
    } });
    expect(bad.kind).toBe('invalid_input');
    expect(JSON.stringify(bad.details)).toMatch(/participant_type/);
    expect(await id.count('SELECT count(*) FROM identity.users')).toBe(users);
  });
});

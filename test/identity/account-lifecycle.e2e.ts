import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_PARTICIPANT_ID, IdentityPattern } from '#libs/contracts';
import type { SessionInfo } from '#libs/contracts';
import { hashTicket } from '#libs/session';
import { activationCodeFromOutbox, ADMIN_EMAIL, ADMIN_PASSWORD, type IdentityHarness, outboxFiles, startIdentity } from './identity-process.js';

const DOC_PROFILE = {
  first_name: 'First Name', last_name: 'Last Name', phone: '+61400000000', language: 'en', post_code: '3004',
  city: 'Melbourne', address1: '10 Queens Rd', birthdate: '1970-01-01', gender: 'male',
  photo: 'http://google.com/image.png', job_title: 'Manager',
};

let id: IdentityHarness;
beforeAll(async () => { id = await startIdentity(); });
afterAll(async () => { await id?.stop(); });

const userCount = () => id.count('SELECT count(*) FROM identity.users');

describe('identity: email account lifecycle', () => {
  // Unique per run, so the suite also passes against a reused database.
  const run = Date.now().toString(36);
  const email = `Foo.${run}@Bar.com`;
  const lower = email.toLowerCase();
  const password = 'qwerty-123';
  const userId = `urn:authenticateit:user:email:${lower}`;
  let ticket: string;

  it('creates an account and answers the doc shape', async () => {
    const created = await id.call(IdentityPattern.AccountCreate, { body: { email, password, ...DOC_PROFILE } });
    expect(created).toEqual({ id: userId, email: lower, ...DOC_PROFILE });
    const row = (await id.db.query('SELECT password_hash, activated_at FROM identity.users WHERE id = $1', [userId])).rows[0];
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.activated_at).toBeNull();
  });

  it('refuses a second account with the same email (any case) with 409', async () => {
    const error = await id.fail(IdentityPattern.AccountCreate, { body: { email: email.toUpperCase(), password } });
    expect(error).toMatchObject({ kind: 'conflict', message: 'User already exists' });
    expect(await id.count('SELECT count(*) FROM identity.users WHERE email = $1', [lower])).toBe(1);
  });

  it('answers a resend token instead of a ticket before activation', async () => {
    const answer = await id.call<{ token: string }>(IdentityPattern.SessionCreate, { body: { email, password } });
    expect(Object.keys(answer)).toEqual(['token']);
    expect(answer.token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('refuses a wrong password and an unknown user with the same 401', async () => {
    const wrong = await id.fail(IdentityPattern.SessionCreate, { body: { email, password: 'nope-nope' } });
    const unknown = await id.fail(IdentityPattern.SessionCreate, { body: { email: 'nobody@bar.com', password } });
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ kind: 'unauthenticated', message: 'Invalid credentials' });
  });

  it('resends the activation mail with a fresh code, at most 5 times', async () => {
    const { token } = await id.call<{ token: string }>(IdentityPattern.SessionCreate, { body: { email, password } });
    const firstCode = activationCodeFromOutbox(id.outboxDir, lower);
    expect(firstCode).toBeDefined();
    const before = outboxFiles(id.outboxDir).length;
    for (let i = 0; i < 5; i++) await id.call(IdentityPattern.AccountResendCode, { body: { token } });
    expect(outboxFiles(id.outboxDir).length).toBe(before + 5);
    const limited = await id.fail(IdentityPattern.AccountResendCode, { body: { token } });
    expect(limited).toMatchObject({ kind: 'rate_limited' });
    expect(limited.retryAfter).toBeGreaterThan(0);
    expect(outboxFiles(id.outboxDir).length).toBe(before + 5);
    // Only the newest code works: the old one was replaced.
    expect(activationCodeFromOutbox(id.outboxDir, lower)).not.toBe(firstCode);
    expect(await id.fail(IdentityPattern.AccountActivate, { params: { activation_code: firstCode! } })).toMatchObject({ kind: 'not_found' });
    expect(await id.fail(IdentityPattern.AccountResendCode, { body: { token: '00000000-0000-4000-8000-000000000000' } })).toMatchObject({ kind: 'not_found' });
  });

  it('activates with the code from the mail in the outbox', async () => {
    const eml = readFileSync(join(id.outboxDir, outboxFiles(id.outboxDir).sort().at(-1)!), 'utf8');
    expect(eml).toContain(`To: ${lower}`);
    expect(eml).toContain('https://api.rewards.test/identity-service/account/activate/');
    const code = activationCodeFromOutbox(id.outboxDir, lower)!;
    const profile = await id.call(IdentityPattern.AccountActivate, { params: { activation_code: code } });
    expect(profile).toEqual({ email: lower, ...DOC_PROFILE });
    // Single use.
    expect(await id.fail(IdentityPattern.AccountActivate, { params: { activation_code: code } })).toMatchObject({ kind: 'not_found', message: 'Activation code not found' });
  });

  it('signs in with a ticket that the TicketStore knows', async () => {
    const session = await id.call<Record<string, unknown>>(IdentityPattern.SessionCreate, { body: { username: email, password, country: '036', language: 'ru' } });
    expect(session).toEqual({ id: userId, merged_user: false, modules: [], name: 'First Name', roles: ['user'], ticket: expect.any(String) });
    ticket = session.ticket as string;
    expect(await id.tickets.lookup(ticket)).toMatchObject({ userId, name: 'First Name', roles: ['user'], currentParticipant: '' });
    const row = (await id.db.query('SELECT country, language FROM identity.users WHERE id = $1', [userId])).rows[0];
    expect(row).toEqual({ country: '036', language: 'ru' });
  });

  it('reads the session and the profile with the session the gateway passes', async () => {
    const info = (await id.tickets.lookup(ticket))!;
    expect(await id.call(IdentityPattern.SessionGet, {}, info)).toEqual({ id: userId, modules: [], name: 'First Name', roles: ['user'] });
    const account = await id.call<Record<string, unknown>>(IdentityPattern.AccountGet, {}, info);
    expect(account).toEqual({ id: userId, reg_type: 'email', email: lower, ...DOC_PROFILE, country: '036', language: 'ru', reviews_karma: 0, participants: [] });
    expect(await id.fail(IdentityPattern.AccountGet)).toMatchObject({ kind: 'unauthenticated' });
  });

  it('checks a user by email', async () => {
    expect(await id.call(IdentityPattern.AccountCheck, { body: { email: email.toUpperCase() } })).toEqual({ first_name: 'First Name', last_name: 'Last Name' });
    expect(await id.fail(IdentityPattern.AccountCheck, { body: { email: 'nobody@bar.com' } })).toMatchObject({ kind: 'not_found' });
  });

  it('ends the session on delete', async () => {
    const info = (await id.tickets.lookup(ticket))!;
    expect(info.ticketHash).toBe(hashTicket(ticket));
    expect(await id.call(IdentityPattern.SessionDelete, {}, info)).toEqual({});
    expect(await id.tickets.lookup(ticket)).toBeNull();
  });
});

describe('identity: invalid input writes nothing', () => {
  it.each([
    ['missing password', { email: 'a1@bar.com' }, ['password']],
    ['bad email', { email: 'not-an-email', password: 'secret1' }, ['email']],
    ['unknown field', { email: 'a2@bar.com', password: 'secret1', is_admin: true }, ['is_admin']],
    ['wrong types', { email: 'a3@bar.com', password: 123456, gender: 'robot', birthdate: '01/01/1970', first_name: ['x'] }, ['birthdate', 'first_name', 'gender', 'password']],
    ['short password', { email: 'a4@bar.com', password: '12345' }, ['password']],
  ])('%s → invalid_input naming the fields', async (_, body, fields) => {
    const before = await userCount();
    const error = await id.fail(IdentityPattern.AccountCreate, { body });
    expect(error.kind).toBe('invalid_input');
    expect((error.details as Array<{ field: string }>).map((d) => d.field).sort()).toEqual(fields);
    expect(await userCount()).toBe(before);
  });

  it('rejects a body that is not an object and a sign-in without login', async () => {
    expect(await id.fail(IdentityPattern.AccountCreate, { body: 'hello' })).toMatchObject({ kind: 'invalid_input' });
    expect(await id.fail(IdentityPattern.SessionCreate, { body: { password: 'x' } })).toMatchObject({ kind: 'invalid_input', details: [{ field: 'email' }] });
  });
});

describe('identity: first system admin', () => {
  let info: SessionInfo;

  it('is seeded, activated, with every role in the system participant', async () => {
    // Billing never reported this participant here (another suite on this worker's database may have).
    await id.db.query('DELETE FROM identity.participants WHERE id = $1', [SYSTEM_PARTICIPANT_ID]);
    const session = await id.call<Record<string, unknown>>(IdentityPattern.SessionCreate, { body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    expect(session).toMatchObject({ current_participant: SYSTEM_PARTICIPANT_ID, id: `urn:authenticateit:user:email:${ADMIN_EMAIL}`, name: 'Admin', merged_user: false });
    expect(session.roles).toEqual(expect.arrayContaining(['security_admin', 'rewards_admin', 'user']));
    expect(session.roles).toHaveLength(9);
    // participants-billing is not running and never reported it: modules degrade to empty, the sign-in still works.
    expect(session.modules).toEqual([]);
    expect(id.logs()).toContain('participant summaries unavailable');
    info = (await id.tickets.lookup(session.ticket as string))!;
    expect(info).toMatchObject({ currentParticipant: SYSTEM_PARTICIPANT_ID, roles: expect.arrayContaining(['security_admin']) });
  });

  it('switches only to participants it is a member of', async () => {
    const switched = await id.call<{ current_participant: string; participants: Array<Record<string, unknown>> }>(
      IdentityPattern.SessionSwitchContext, { body: { new_participant: SYSTEM_PARTICIPANT_ID } }, info);
    expect(switched.current_participant).toBe(SYSTEM_PARTICIPANT_ID);
    expect(switched.participants).toEqual([{ id: SYSTEM_PARTICIPANT_ID, roles: expect.arrayContaining(['security_admin']), last_access: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) }]);
    const denied = await id.fail(IdentityPattern.SessionSwitchContext, { body: { new_participant: 'urn:authenticateit:participant:999' } }, info);
    expect(denied).toMatchObject({ kind: 'forbidden' });
    expect(await id.fail(IdentityPattern.SessionSwitchContext, { body: { new_participant: 'nope' } }, info)).toMatchObject({ kind: 'invalid_input' });
  });
});

describe('identity: registration types', () => {
  it('answers the configured list', async () => {
    expect(await id.call(IdentityPattern.AccountRegistrationTypes)).toEqual({ types: ['email', 'phone', 'facebook', 'google'] });
  });
});

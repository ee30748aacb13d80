// Issue 2's vertical slice over HTTP: gateway → identity → PostgreSQL/Redis, every process real.
import { activationCodeFromMime } from '../identity/identity-process.js';
import { sharedSystem } from '../support/shared-system.js';
import { http, lastMailTo, type RunningSystem, SYSTEM_ADMIN } from '../support/system.js';

const SYSTEM_PARTICIPANT = 'urn:authenticateit:participant:1';
let sys: RunningSystem;
const email = `slice-${Date.now()}@rewards.test`;
const password = 'slice-password-1';

beforeAll(async () => { sys = await sharedSystem(); }, 180_000);
afterAll(async () => { await sys?.stop(); });

const call = (method: string, path: string, opts?: Parameters<typeof http>[3]) => http(sys.baseUrl, method, path, opts);
const withTicket = (ticket: string) => ({ authenticateit_identity_ticket: ticket });

describe('account → activation → session through the gateway', () => {
  let ticket: string;

  it('creates an account and answers the doc shape', async () => {
    const res = await call('POST', '/identity-service/account', { body: { email, password, first_name: 'Slice', language: 'en' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: `urn:authenticateit:user:email:${email}`, email, first_name: 'Slice', language: 'en' });
    expect(res.body).not.toHaveProperty('password');
  });

  it('refuses a second account with the same email with 409 JSON', async () => {
    const res = await call('POST', '/identity-service/account', { body: { email, password } });
    expect(res.status).toBe(409);
    expect(typeof res.body.error).toBe('string');
  });

  it('answers sign-in before activation with the resend token', async () => {
    const res = await call('POST', '/identity-service/session', { body: { email, password } });
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.ticket).toBeUndefined();
  });

  it('activates through the link of the mail in the outbox', async () => {
    const mail = lastMailTo(sys.outboxDir, email);
    expect(mail).toBeDefined();
    const code = activationCodeFromMime(mail!);
    expect(code).toBeDefined();
    const res = await call('GET', `/identity-service/account/activate/${code}`);
    expect(res.status).toBe(200);
    expect(res.body.email).toBe(email);
    const again = await call('GET', `/identity-service/account/activate/${code}`);
    expect(again.status).toBe(404);
  });

  it('signs in and the gateway validates the ticket itself, echoing it as the doc shows', async () => {
    const res = await call('POST', '/identity-service/session', { body: { email, password } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: `urn:authenticateit:user:email:${email}`, merged_user: false });
    ticket = res.body.ticket;
    const check = await call('GET', '/identity-service/session', { headers: withTicket(ticket) });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ id: res.body.id, ticket, roles: res.body.roles });
    const bearer = await call('GET', '/identity-service/session', { headers: { authorization: `Bearer ${ticket}` } });
    expect(bearer.body.ticket).toBe(ticket);
  });

  it('reads the profile with the ticket', async () => {
    const res = await call('GET', '/identity-service/account', { headers: withTicket(ticket) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email, reg_type: 'email', first_name: 'Slice' });
    expect(JSON.stringify(res.body)).not.toMatch(/password|hash/i);
  });

  it('detaches the payment customer through billing and answers the profile', async () => {
    const res = await call('DELETE', '/identity-service/account/customer/', { headers: withTicket(ticket) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email, id: `urn:authenticateit:user:email:${email}` });
  });

  it('ends the session on DELETE, after which the ticket is refused', async () => {
    const res = await call('DELETE', '/identity-service/session', { headers: withTicket(ticket) });
    expect(res.status).toBe(200);
    const after = await call('GET', '/identity-service/account', { headers: withTicket(ticket) });
    expect(after.status).toBe(401);
    expect(after.body.error).toBeDefined();
  });

  it('rejects wrong passwords with 401 and bad input with 400 details, writing nothing', async () => {
    const wrong = await call('POST', '/identity-service/session', { body: { email, password: 'not-the-password' } });
    expect(wrong.status).toBe(401);
    const bad = await call('POST', '/identity-service/account', { body: { email: 'not-an-email', password: 5, extra: true } });
    expect(bad.status).toBe(400);
    expect(Array.isArray(bad.body.details)).toBe(true);
    const malformed = await call('POST', '/identity-service/account', { body: '{"email":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toBeDefined();
  });
});

describe('the seeded system admin', () => {
  it('signs in with the system participant, switches context and reaches sys-admin routes', async () => {
    const res = await call('POST', '/identity-service/session', { body: SYSTEM_ADMIN });
    expect(res.status).toBe(200);
    expect(res.body.current_participant).toBe(SYSTEM_PARTICIPANT);
    expect(res.body.roles).toContain('security_admin');
    const ticket = res.body.ticket;
    const switched = await call('POST', '/identity-service/session/switch-context', {
      headers: withTicket(ticket), body: { new_participant: SYSTEM_PARTICIPANT },
    });
    expect(switched.status).toBe(200);
    expect(switched.body.current_participant).toBe(SYSTEM_PARTICIPANT);
    expect(switched.body.participants[0]).toMatchObject({ id: SYSTEM_PARTICIPANT, name: 'Authenticateit Pty Ltd' });
    const elsewhere = await call('POST', '/identity-service/session/switch-context', {
      headers: withTicket(ticket), body: { new_participant: 'urn:authenticateit:participant:999999' },
    });
    expect(elsewhere.status).toBe(403);
    const list = await call('POST', '/identity-service/participants', { headers: withTicket(ticket), body: {} });
    expect(list.status).toBe(200);
  });

  it('keeps ordinary users out of system routes', async () => {
    const other = `plain-${Date.now()}@rewards.test`;
    await call('POST', '/identity-service/account', { body: { email: other, password } });
    const code = activationCodeFromMime(lastMailTo(sys.outboxDir, other)!);
    await call('GET', `/identity-service/account/activate/${code}`);
    const { body } = await call('POST', '/identity-service/session', { body: { email: other, password } });
    const res = await call('POST', '/identity-service/participants', { headers: withTicket(body.ticket), body: {} });
    expect(res.status).toBe(403);
    const admin = await call('POST', '/identity-service/users/get', { headers: withTicket(body.ticket), body: {} });
    expect(admin.status).toBe(403);
  });
});

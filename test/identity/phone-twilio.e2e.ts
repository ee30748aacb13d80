// Phone accounts, password reset by SMS and phone verification, with SMS going to a local
// stand-in that speaks Twilio's Messages API.
import { fixtureMain, startProcess, type Started } from '../support/processes.js';
import { TwilioSmsAdapter } from '../../apps/identity/src/sms/twilio-sms.adapter.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type IdentityHarness, startIdentity } from './identity-process.js';
import { emailUser, signIn, unique, userRow } from './accounts-fixtures.js';
import { IdentityPattern } from '#libs/contracts';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'standin-auth-token';
let standin: Started;
let base: string;
let id: IdentityHarness;

async function startStandin(): Promise<void> {
  standin = await startProcess(fixtureMain('twilio-standin'), {
    NODE_OPTIONS: '', PORT: '0', TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN,
  }, (out) => /listening \d+/.test(out), 10_000);
  const port = /listening (\d+)/.exec(standin.output())![1];
  base = `http://127.0.0.1:${port}`;
}

/** Messages the stand-in accepted for `to`, newest first (Twilio's list endpoint). */
async function sms(to: string): Promise<Array<{ body: string; from: string }>> {
  const res = await fetch(`${base}/2010-04-01/Accounts/${SID}/Messages.json?To=${encodeURIComponent(to)}`, {
    headers: { authorization: `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}` },
  });
  return ((await res.json()) as { messages: Array<{ body: string; from: string }> }).messages;
}
const lastCode = async (to: string) => /(\d{5})$/.exec((await sms(to))[0]?.body ?? '')?.[1];
const phoneNumber = () => `+7928${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
const wrong = (code: string) => String((Number(code) + 1) % 100000).padStart(5, '0');

beforeAll(async () => {
  await startStandin();
  id = await startIdentity({
    TWILIO_API_BASE: base, TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_FROM: '+15005550006',
    SMS_CODES_PER_PHONE_PER_HOUR: '3', PHONE_CODE_MAX_ATTEMPTS: '3',
  });
});
afterAll(async () => {
  await id?.stop();
  await standin?.stop();
});

describe('Twilio adapter', () => {
  it('sends form-encoded with basic auth, and reports Twilio errors', async () => {
    const to = phoneNumber();
    await new TwilioSmsAdapter({ apiBase: base, accountSid: SID, authToken: TOKEN, from: '+15005550006' }).send({ to, body: 'hello' });
    expect(await sms(to)).toEqual([expect.objectContaining({ body: 'hello', from: '+15005550006' })]);
    await expect(new TwilioSmsAdapter({ apiBase: base, accountSid: SID, authToken: 'wrong-token', from: '+15005550006' }).send({ to, body: 'x' }))
      .rejects.toThrow(/401 \(code 20003\)/);
    await expect(new TwilioSmsAdapter({ apiBase: base, accountSid: SID, authToken: TOKEN, from: '+15005550006' }).send({ to: '12', body: 'x' }))
      .rejects.toThrow(/code 21211/);
  });
});

describe('identity: phone account', () => {
  const phone = phoneNumber();
  const userId = `urn:authenticateit:user:phonenum:${phone}`;

  it('registers with reg_type phone and sends an activation code by SMS', async () => {
    const created = await id.call(IdentityPattern.AccountCreate, { body: { reg_type: 'phone', phone, password: 'phone-pass', language: 'en', country: '616' } });
    expect(created).toEqual({ id: userId, phone, language: 'en', country: '616' });
    expect(await lastCode(phone)).toMatch(/^\d{5}$/);
    expect(await id.fail(IdentityPattern.AccountCreate, { body: { reg_type: 'phone', phone, password: 'phone-pass' } })).toMatchObject({ kind: 'conflict' });
    expect(await id.fail(IdentityPattern.SessionCreate, { body: { phone, password: 'phone-pass' } })).toMatchObject({ kind: 'forbidden' });
  });

  it('refuses a phone registration without phone, or with a bad one, writing nothing', async () => {
    const before = await id.count('SELECT count(*) FROM identity.users');
    expect(await id.fail(IdentityPattern.AccountCreate, { body: { reg_type: 'phone', password: 'phone-pass' } })).toMatchObject({ kind: 'invalid_input', details: [{ field: 'phone' }] });
    expect(await id.fail(IdentityPattern.AccountCreate, { body: { reg_type: 'phone', phone: '8-800-555', password: 'phone-pass' } })).toMatchObject({ kind: 'invalid_input' });
    expect(await id.fail(IdentityPattern.AccountCreate, { body: { reg_type: 'fax', phone, password: 'phone-pass' } })).toMatchObject({ kind: 'invalid_input' });
    expect(await id.count('SELECT count(*) FROM identity.users')).toBe(before);
  });

  it('rejects garbage and wrong codes, then activates with the right one (single use)', async () => {
    const code = (await lastCode(phone))!;
    expect(await id.fail(IdentityPattern.PhoneVerifyCode, { body: { phone, code: 'abcde' } })).toMatchObject({ kind: 'invalid_input', details: [{ field: 'code' }] });
    expect(await id.fail(IdentityPattern.PhoneVerifyCode, { body: { phone, code: 57829 } })).toMatchObject({ kind: 'invalid_input' });
    expect(await id.fail(IdentityPattern.PhoneVerifyCode, { body: { phone, code: wrong(code) } })).toMatchObject({ kind: 'not_found', message: 'Verification code not found or expired' });
    expect((await id.db.query('SELECT activated_at FROM identity.users WHERE id = $1', [userId])).rows[0].activated_at).toBeNull();
    const answer = await id.call(IdentityPattern.PhoneVerifyCode, { body: { phone, code } });
    expect(answer).toEqual({ id: userId, language: 'en', country: '616', phone, phone_verified: true });
    expect(await id.fail(IdentityPattern.PhoneVerifyCode, { body: { phone, code } })).toMatchObject({ kind: 'not_found' });
    await signIn(id, { phone, password: 'phone-pass' }, userId);
  });

  it('burns a code after too many wrong guesses', async () => {
    const other = phoneNumber();
    await id.call(IdentityPattern.AccountCreate, { body: { reg_type: 'phone', phone: other, password: 'phone-pass' } });
    const code = (await lastCode(other))!;
    for (let i = 0; i < 3; i++) await id.fail(IdentityPattern.PhoneVerifyCode, { body: { phone: other, code: wrong(code) } });
    expect(await id.fail(IdentityPattern.PhoneVerifyCode, { body: { phone: other, code } })).toMatchObject({ kind: 'not_found' });
  });

  it('limits send_code per phone per hour with 429 and Retry-After; unknown phones look the same', async () => {
    const other = phoneNumber();
    expect(await id.call(IdentityPattern.PhoneSendCode, { body: { phone: other }, ip: '10.3.0.1' })).toEqual({});
    expect(await sms(other)).toEqual([]);
    await id.call(IdentityPattern.AccountCreate, { body: { reg_type: 'phone', phone: other, password: 'phone-pass' } });
    await id.call(IdentityPattern.PhoneSendCode, { body: { phone: other }, ip: '10.3.0.1' });
    expect(await sms(other)).toHaveLength(2);
    const limited = await id.fail(IdentityPattern.PhoneSendCode, { body: { phone: other }, ip: '10.3.0.1' });
    expect(limited).toMatchObject({ kind: 'rate_limited' });
    expect(limited.retryAfter).toBeGreaterThan(3500);
    expect(await sms(other)).toHaveLength(2);
  });

  it('resets the password with a one-time ticket from the header, ending the sessions', async () => {
    const session = await signIn(id, { phone, password: 'phone-pass' });
    expect(await id.call(IdentityPattern.PhoneSendCode, { body: { phone, reset_password: true }, ip: '10.3.0.2' })).toEqual({});
    const code = (await lastCode(phone))!;
    // An activation-mode verify does not accept a reset code.
    expect(await id.fail(IdentityPattern.PhoneVerifyCode, { body: { phone, code } })).toMatchObject({ kind: 'not_found' });
    const { ticket } = await id.call<{ ticket: string }>(IdentityPattern.PhoneVerifyCode, { body: { phone, code, reset_password: true } });
    expect(ticket).toMatch(/^[0-9a-f-]{36}$/);
    const before = await userRow(id, userId);
    expect(await id.fail(IdentityPattern.PhoneResetPassword, { body: { phone, password: '1234' }, headers: { authenticateit_identity_ticket: ticket } })).toMatchObject({ kind: 'invalid_input' });
    expect(await id.fail(IdentityPattern.PhoneResetPassword, { body: { phone, password: 'new-phone-pass' } })).toMatchObject({ kind: 'unauthenticated' });
    expect(await id.fail(IdentityPattern.PhoneResetPassword, { body: { phone, password: 'new-phone-pass' }, headers: { authenticateit_identity_ticket: 'garbage' } })).toMatchObject({ kind: 'unauthenticated' });
    expect(await userRow(id, userId)).toBe(before);
    expect(await id.call(IdentityPattern.PhoneResetPassword, { body: { phone, password: 'new-phone-pass' }, headers: { authenticateit_identity_ticket: ticket } })).toEqual({});
    expect(await id.tickets.lookup(session.ticket)).toBeNull();
    await signIn(id, { phone, password: 'new-phone-pass' }, userId);
    expect(await id.fail(IdentityPattern.PhoneResetPassword, { body: { phone, password: 'third-pass' }, headers: { authenticateit_identity_ticket: ticket } })).toMatchObject({ kind: 'unauthenticated' });
  });

  it('takes the ticket from the body too, and spends it on a wrong phone', async () => {
    await id.call(IdentityPattern.PhoneSendCode, { body: { phone, reset_password: true }, ip: '10.3.0.3' });
    const { ticket } = await id.call<{ ticket: string }>(IdentityPattern.PhoneVerifyCode, { body: { phone, code: (await lastCode(phone))!, reset_password: true } });
    expect(await id.fail(IdentityPattern.PhoneResetPassword, { body: { phone: phoneNumber(), password: 'other-pass', ticket } })).toMatchObject({ kind: 'unauthenticated' });
    expect(await id.fail(IdentityPattern.PhoneResetPassword, { body: { phone, password: 'other-pass', ticket } })).toMatchObject({ kind: 'unauthenticated' });
  });
});

describe('identity: phone verification of a profile', () => {
  it('sends a code to the profile phone, verifies it, and a sys-admin lifts the send limit', async () => {
    const phone = phoneNumber();
    const user = await emailUser(id, `ver.${unique()}@bar.com`, 'secret-12', { phone });
    expect(await id.call(IdentityPattern.PhoneVerificationSend, { ip: '10.4.0.1' }, user.session)).toEqual({});
    const code = (await lastCode(phone))!;
    expect(await id.fail(IdentityPattern.PhoneVerificationVerify, { params: { code: 'zzz' } }, user.session)).toMatchObject({ kind: 'invalid_input' });
    expect(await id.fail(IdentityPattern.PhoneVerificationVerify, { params: { code: wrong(code) } }, user.session)).toMatchObject({ kind: 'not_found' });
    const profile = await id.call(IdentityPattern.PhoneVerificationVerify, { params: { code } }, user.session);
    expect(profile).toMatchObject({ phone, phone_verified: true });
    expect((await id.db.query('SELECT phone_verified FROM identity.users WHERE id = $1', [user.userId])).rows[0].phone_verified).toBe(true);

    await id.call(IdentityPattern.PhoneVerificationSend, { ip: '10.4.0.1' }, user.session);
    await id.call(IdentityPattern.PhoneVerificationSend, { ip: '10.4.0.1' }, user.session);
    expect(await id.fail(IdentityPattern.PhoneVerificationSend, { ip: '10.4.0.1' }, user.session)).toMatchObject({ kind: 'rate_limited' });

    expect(await id.fail(IdentityPattern.PhoneVerificationReset, { body: { id: user.userId } }, user.session)).toMatchObject({ kind: 'forbidden' });
    const admin = await signIn(id, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(await id.fail(IdentityPattern.PhoneVerificationReset, { body: { id: 'nope' } }, admin.session)).toMatchObject({ kind: 'invalid_input' });
    expect(await id.fail(IdentityPattern.PhoneVerificationReset, { body: { id: 'urn:authenticateit:user:email:none@x.test' } }, admin.session)).toMatchObject({ kind: 'not_found' });
    expect(await id.call(IdentityPattern.PhoneVerificationReset, { body: { id: user.userId } }, admin.session)).toEqual({});
    // Lifted for the user and its phone.
    const other = await emailUser(id, `ver2.${unique()}@bar.com`, 'secret-12', { phone: phoneNumber() });
    for (let i = 0; i < 3; i++) await id.call(IdentityPattern.PhoneVerificationSend, { ip: '10.4.0.2' }, other.session);
    expect(await id.fail(IdentityPattern.PhoneVerificationSend, { ip: '10.4.0.2' }, other.session)).toMatchObject({ kind: 'rate_limited' });
    await id.call(IdentityPattern.PhoneVerificationReset, { body: { id: other.userId } }, admin.session);
    expect(await id.call(IdentityPattern.PhoneVerificationSend, { ip: '10.4.0.2' }, other.session)).toEqual({});
  });

  it('does nothing for a profile without phone', async () => {
    const user = await emailUser(id, `nophone.${unique()}@bar.com`, 'secret-12');
    expect(await id.call(IdentityPattern.PhoneVerificationSend, {}, user.session)).toEqual({});
  });
});

// PUT /account, settings, locale, DELETE /account and restore by email, against the real process.
import { readdirSync, readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { restoreCodeFromText } from '../../apps/identity/src/mail/restore-mail.js';
import { type IdentityHarness, startIdentity } from './identity-process.js';
import { emailUser, signIn, unique, userRow } from './accounts-fixtures.js';
import { Events, IdentityPattern } from '#libs/contracts';
import { type EventTap, tapEvents } from '../support/event-tap.js';

let id: IdentityHarness;
let tap: EventTap;
beforeAll(async () => {
  tap = await tapEvents(process.env.TEST_REDIS_URL!, [Events.UserDeleted]);
  id = await startIdentity({ RESTORE_MAILS_PER_EMAIL_PER_HOUR: '3', ACCOUNT_CHECKS_PER_IP_PER_MINUTE: '3' });
});
afterAll(async () => { await tap?.stop(); await id?.stop(); });

function restoreCode(to: string): string | undefined {
  const mails = readdirSync(id.outboxDir).filter((f) => f.endsWith('.eml')).sort().reverse()
    .map((f) => readFileSync(join(id.outboxDir, f), 'utf8'))
    .filter((eml) => eml.includes(`To: ${to}`) && eml.includes('Reset your password'));
  return mails.length > 0 ? restoreCodeFromText(mails[0].replace(/=\r?\n/g, '')) : undefined;
}

describe('identity: PUT /account', () => {
  const email = `upd.${unique()}@bar.com`;
  const password = 'first-pass';
  let user: Awaited<ReturnType<typeof emailUser>>;
  beforeAll(async () => { user = await emailUser(id, email, password, { first_name: 'Old' }); });

  it('changes profile fields and answers the profile', async () => {
    const answer = await id.call(IdentityPattern.AccountUpdate, { body: { first_name: 'New', city: 'Melbourne', post_code: '3004', language: 'ru' } }, user.session);
    expect(answer).toEqual({ email, first_name: 'New', city: 'Melbourne', post_code: '3004', language: 'ru' });
    expect((await id.db.query('SELECT first_name, city FROM identity.users WHERE id = $1', [user.userId])).rows[0]).toEqual({ first_name: 'New', city: 'Melbourne' });
  });

  it.each([
    ['post_code too short', { post_code: 'ab' }, ['post_code']],
    ['post_code too long', { post_code: '12345678901' }, ['post_code']],
    ['email over 100', { email: `${'a'.repeat(95)}@b.com` }, ['email']],
    ['password under 5', { password: '1234', old_password: password }, ['password']],
    ['wrong types', { first_name: 5, gender: 'robot', birthdate: 19700101 }, ['birthdate', 'first_name', 'gender']],
    ['unknown field', { reg_type: 'phone' }, ['reg_type']],
    ['first_name over 100', { first_name: 'x'.repeat(101) }, ['first_name']],
  ])('%s → invalid_input, nothing changed', async (_, body, fields) => {
    const before = await userRow(id, user.userId);
    const error = await id.fail(IdentityPattern.AccountUpdate, { body }, user.session);
    expect(error.kind).toBe('invalid_input');
    expect((error.details as Array<{ field: string }>).map((d) => d.field).sort()).toEqual(fields);
    expect(await userRow(id, user.userId)).toBe(before);
  });

  it('needs old_password to change the password, and the right one', async () => {
    const before = await userRow(id, user.userId);
    expect(await id.fail(IdentityPattern.AccountUpdate, { body: { password: 'second-pass' } }, user.session))
      .toMatchObject({ kind: 'invalid_input', details: [{ field: 'old_password' }] });
    expect(await id.fail(IdentityPattern.AccountUpdate, { body: { password: 'second-pass', old_password: 'not-it' } }, user.session))
      .toMatchObject({ kind: 'forbidden', message: 'Old password is incorrect' });
    expect(await userRow(id, user.userId)).toBe(before);
    expect(await id.tickets.lookup(user.ticket)).not.toBeNull();
  });

  it('changes the password with old_password and ends every session of the user', async () => {
    const second = await signIn(id, { email, password });
    await id.call(IdentityPattern.AccountUpdate, { body: { password: 'second-pass', old_password: password } }, user.session);
    expect(await id.tickets.lookup(user.ticket)).toBeNull();
    expect(await id.tickets.lookup(second.ticket)).toBeNull();
    expect(await id.fail(IdentityPattern.SessionCreate, { body: { email, password } })).toMatchObject({ kind: 'unauthenticated' });
    user = await signIn(id, { email, password: 'second-pass' }, user.userId);
  });

  it('refuses the email of another account with 409', async () => {
    const other = `other.${unique()}@bar.com`;
    await emailUser(id, other, 'other-pass');
    const before = await userRow(id, user.userId);
    expect(await id.fail(IdentityPattern.AccountUpdate, { body: { email: other, old_password: 'second-pass' } }, user.session)).toMatchObject({ kind: 'conflict' });
    expect(await userRow(id, user.userId)).toBe(before);
  });

  it('needs a session', async () => {
    expect(await id.fail(IdentityPattern.AccountUpdate, { body: { first_name: 'X' } })).toMatchObject({ kind: 'unauthenticated' });
  });
});

describe('identity: settings and locale', () => {
  let user: Awaited<ReturnType<typeof emailUser>>;
  beforeAll(async () => { user = await emailUser(id, `set.${unique()}@bar.com`, 'secret-12'); });

  it('answers all five settings, defaults on, and stores a change', async () => {
    expect(await id.call(IdentityPattern.AccountSettings, { body: {} }, user.session)).toEqual({
      notify_on_buddies: true, notify_on_reviews: true, notify_on_rewards: true, remind_to_scan: true, reminders_notifications: true,
    });
    expect(await id.call(IdentityPattern.AccountSettings, { body: { remind_to_scan: false, notify_on_buddies: false } }, user.session)).toEqual({
      notify_on_buddies: false, notify_on_reviews: true, notify_on_rewards: true, remind_to_scan: false, reminders_notifications: true,
    });
    expect(await id.call(IdentityPattern.AccountSettings, { body: { notify_on_buddies: true } }, user.session)).toMatchObject({ notify_on_buddies: true, remind_to_scan: false });
  });

  it('refuses non-booleans and unknown settings', async () => {
    const rows = () => id.db.query('SELECT * FROM identity.notification_settings WHERE user_id = $1', [user.userId]).then((r) => JSON.stringify(r.rows));
    const before = await rows();
    const error = await id.fail(IdentityPattern.AccountSettings, { body: { remind_to_scan: 'no', push_everything: true } }, user.session);
    expect((error.details as Array<{ field: string }>).map((d) => d.field).sort()).toEqual(['push_everything', 'remind_to_scan']);
    expect(await rows()).toBe(before);
  });

  it('stores the locale with timezone_min within -720..840', async () => {
    expect(await id.call(IdentityPattern.AccountLocale, { body: { country: '036', language: 'ru', timezone_min: -720 } }, user.session)).toEqual({});
    expect((await id.db.query('SELECT country, language, timezone_min FROM identity.users WHERE id = $1', [user.userId])).rows[0])
      .toEqual({ country: '036', language: 'ru', timezone_min: -720 });
    await id.call(IdentityPattern.AccountLocale, { body: { timezone_min: 840 } }, user.session);
    for (const timezone_min of [841, -721, 1.5, '60']) {
      const before = await userRow(id, user.userId);
      expect(await id.fail(IdentityPattern.AccountLocale, { body: { timezone_min } }, user.session)).toMatchObject({ kind: 'invalid_input', details: [{ field: 'timezone_min' }] });
      expect(await userRow(id, user.userId)).toBe(before);
    }
  });
});

describe('identity: DELETE /account', () => {
  it('deletes the user with its rows, ends the sessions and emits user.deleted', async () => {
    const email = `del.${unique()}@bar.com`;
    const user = await emailUser(id, email, 'secret-12');
    const second = await signIn(id, { email, password: 'secret-12' });
    await id.call(IdentityPattern.AccountSettings, { body: { remind_to_scan: false } }, user.session);
    expect(await id.call(IdentityPattern.AccountDelete, {}, user.session)).toEqual({});
    expect(await id.count('SELECT count(*) FROM identity.users WHERE id = $1', [user.userId])).toBe(0);
    expect(await id.count('SELECT count(*) FROM identity.notification_settings WHERE user_id = $1', [user.userId])).toBe(0);
    expect(await id.tickets.lookup(user.ticket)).toBeNull();
    expect(await id.tickets.lookup(second.ticket)).toBeNull();
    const payloads = (await tap.events(Events.UserDeleted)).map((e) => e.data);
    expect(payloads).toContainEqual({ userId: user.userId, deletedAt: expect.any(String) });
    expect(await id.fail(IdentityPattern.AccountDelete, {}, user.session)).toMatchObject({ kind: 'not_found' });
  });
});

describe('identity: restore by email code', () => {
  const email = `rest.${unique()}@bar.com`;
  let userId: string;
  beforeAll(async () => { userId = (await emailUser(id, email, 'old-secret')).userId; });

  it('answers the doc string for known and unknown emails alike, mailing only the known one', async () => {
    const mails = () => readdirSync(id.outboxDir).length;
    const before = mails();
    expect(await id.call(IdentityPattern.PasswordRestoreRequest, { body: { email: `nobody.${unique()}@bar.com` }, ip: '10.1.0.1' })).toBe('Mail has been send');
    expect(mails()).toBe(before);
    expect(await id.call(IdentityPattern.PasswordRestoreRequest, { body: { email: email.toUpperCase() }, ip: '10.1.0.1' })).toBe('Mail has been send');
    expect(mails()).toBe(before + 1);
    expect(restoreCode(email)).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('refuses garbage and short passwords without spending the code', async () => {
    const code = restoreCode(email)!;
    const before = await userRow(id, userId);
    expect(await id.fail(IdentityPattern.PasswordRestore, { params: { code: 'garbage' }, body: { password: 'new-secret' } })).toMatchObject({ kind: 'not_found' });
    expect(await id.fail(IdentityPattern.PasswordRestore, { params: { code: `${code.slice(0, -1)}${code.at(-1) === 'A' ? 'B' : 'A'}` }, body: { password: 'new-secret' } })).toMatchObject({ kind: 'not_found' });
    expect(await id.fail(IdentityPattern.PasswordRestore, { params: { code }, body: { password: '1234' } })).toMatchObject({ kind: 'invalid_input', details: [{ field: 'password' }] });
    expect(await id.fail(IdentityPattern.PasswordRestore, { params: { code }, body: { password: 12345 } })).toMatchObject({ kind: 'invalid_input' });
    expect(await userRow(id, userId)).toBe(before);
  });

  it('sets the new password once, ends the sessions, answers the account', async () => {
    const session = await signIn(id, { email, password: 'old-secret' });
    const code = restoreCode(email)!;
    const account = await id.call<Record<string, unknown>>(IdentityPattern.PasswordRestore, { params: { code }, body: { password: 'new-secret' } });
    expect(account).toMatchObject({ id: userId, email, participants: [] });
    expect(await id.tickets.lookup(session.ticket)).toBeNull();
    await signIn(id, { email, password: 'new-secret' }, userId);
    expect(await id.fail(IdentityPattern.PasswordRestore, { params: { code }, body: { password: 'third-secret' } })).toMatchObject({ kind: 'not_found' });
  });

  it('limits restore mails per email with 429 and Retry-After', async () => {
    // 1 mail above; the limit is 3 per hour.
    await id.call(IdentityPattern.PasswordRestoreRequest, { body: { email }, ip: '10.1.0.2' });
    await id.call(IdentityPattern.PasswordRestoreRequest, { body: { email }, ip: '10.1.0.3' });
    const limited = await id.fail(IdentityPattern.PasswordRestoreRequest, { body: { email }, ip: '10.1.0.4' });
    expect(limited).toMatchObject({ kind: 'rate_limited' });
    expect(limited.retryAfter).toBeGreaterThan(3000);
    expect(await id.fail(IdentityPattern.PasswordRestoreRequest, { body: { email: 'x'.repeat(101) } })).toMatchObject({ kind: 'invalid_input' });
  });

  it('lets a restore code expire', async () => {
    const redis = new Redis(process.env.TEST_REDIS_URL!);
    const other = `exp.${unique()}@bar.com`;
    await emailUser(id, other, 'old-secret');
    await id.call(IdentityPattern.PasswordRestoreRequest, { body: { email: other }, ip: '10.1.0.5' });
    const keys = await redis.keys('restore:*');
    expect(await redis.ttl(keys[0])).toBeGreaterThan(3500);
    await Promise.all(keys.map((k) => redis.expire(k, 0)));
    redis.disconnect();
    expect(await id.fail(IdentityPattern.PasswordRestore, { params: { code: restoreCode(other)! }, body: { password: 'new-secret' } })).toMatchObject({ kind: 'not_found' });
  });
});

describe('identity: account/check is rate limited per IP', () => {
  it('answers 429 with Retry-After after the limit', async () => {
    const ip = '10.2.0.1';
    for (let i = 0; i < 3; i++) await id.fail(IdentityPattern.AccountCheck, { body: { email: `n${i}@bar.com` }, ip });
    const limited = await id.fail(IdentityPattern.AccountCheck, { body: { email: 'n4@bar.com' }, ip });
    expect(limited).toMatchObject({ kind: 'rate_limited' });
    expect(limited.retryAfter).toBeGreaterThan(0);
    expect(limited.retryAfter).toBeLessThanOrEqual(60);
    // Another IP is not affected.
    expect(await id.fail(IdentityPattern.AccountCheck, { body: { email: 'n5@bar.com' }, ip: '10.2.0.2' })).toMatchObject({ kind: 'not_found' });
  });
});

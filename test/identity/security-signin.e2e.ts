// Brute-force protection of sign-in (per account and per IP), kept in Redis.
import { type IdentityHarness, startIdentity } from './identity-process.js';
import { emailUser, signIn, unique } from './accounts-fixtures.js';
import { IdentityPattern } from '#libs/contracts';

let id: IdentityHarness;
beforeAll(async () => {
  id = await startIdentity({ SIGNIN_MAX_FAILURES_PER_ACCOUNT: '3', SIGNIN_MAX_FAILURES_PER_IP: '6', SIGNIN_LOCKOUT_SECONDS: '2' });
});
afterAll(async () => { await id?.stop(); });

const attempt = (email: string, password: string, ip: string) => id.fail(IdentityPattern.SessionCreate, { body: { email, password }, ip });

describe('identity: sign-in lockout', () => {
  it('locks an account after 3 failures, even for the right password and from another IP, until the window ends', async () => {
    const email = `bf.${unique()}@bar.com`;
    const user = await emailUser(id, email, 'right-pass');
    for (let i = 0; i < 3; i++) expect(await attempt(email, 'wrong-pass', `10.5.0.${i + 1}`)).toMatchObject({ kind: 'unauthenticated' });
    const locked = await attempt(email, 'right-pass', '10.5.0.9');
    expect(locked).toMatchObject({ kind: 'rate_limited', message: 'Too many failed sign-in attempts, try again later' });
    expect(locked.retryAfter).toBeGreaterThanOrEqual(1);
    expect(locked.retryAfter).toBeLessThanOrEqual(2);
    // Case of the email does not open a second counter.
    expect(await attempt(email.toUpperCase(), 'right-pass', '10.5.0.9')).toMatchObject({ kind: 'rate_limited' });
    await new Promise((r) => setTimeout(r, 2200));
    await signIn(id, { email, password: 'right-pass' }, user.userId, '10.5.0.9');
  });

  it('clears the account count on success', async () => {
    const email = `bf2.${unique()}@bar.com`;
    await emailUser(id, email, 'right-pass');
    for (let i = 0; i < 2; i++) await attempt(email, 'wrong-pass', '10.6.0.1');
    await signIn(id, { email, password: 'right-pass' }, undefined, '10.6.0.2');
    for (let i = 0; i < 2; i++) expect(await attempt(email, 'wrong-pass', '10.6.0.3')).toMatchObject({ kind: 'unauthenticated' });
    await signIn(id, { email, password: 'right-pass' }, undefined, '10.6.0.2');
  });

  it('locks an IP that guesses across many accounts, without locking others', async () => {
    const ip = '10.7.0.1';
    for (let i = 0; i < 6; i++) expect(await attempt(`spray${i}.${unique()}@bar.com`, 'guess-pass', ip)).toMatchObject({ kind: 'unauthenticated' });
    const email = `bf3.${unique()}@bar.com`;
    await emailUser(id, email, 'right-pass');
    expect(await attempt(email, 'right-pass', ip)).toMatchObject({ kind: 'rate_limited' });
    await signIn(id, { email, password: 'right-pass' }, undefined, '10.7.0.2');
  });

  it('counts wrong old_password in PUT /account against the account', async () => {
    const email = `bf4.${unique()}@bar.com`;
    const user = await emailUser(id, email, 'right-pass');
    for (let i = 0; i < 3; i++) {
      expect(await id.fail(IdentityPattern.AccountUpdate, { body: { password: 'new-pass', old_password: 'wrong-pass' } }, user.session)).toMatchObject({ kind: 'forbidden' });
    }
    expect(await id.fail(IdentityPattern.AccountUpdate, { body: { password: 'new-pass', old_password: 'right-pass' } }, user.session)).toMatchObject({ kind: 'rate_limited' });
    expect(await attempt(email, 'right-pass', '10.8.0.1')).toMatchObject({ kind: 'rate_limited' });
  });
});

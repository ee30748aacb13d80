// Brute-force protection of sign-in (per account and per IP), kept in Redis.
import { type IdentityHarness, startIdentity } from './identity-process.js';
import { emailUser, signIn, unique } from './accounts-fixtures.js';
import { IdentityPattern } from '#libs/contracts';

let id: IdentityHarness;
beforeAll(async () => {
  id = await startIdentity({
    SIGNIN_MAX_FAILURES_PER_ACCOUNT: '3', SIGNIN_MAX_FAILURES_PER_IP: '6', SIGNIN_LOCKOUT_SECONDS: '4', // long enough that a slow machine's 6 attempts share one window
    // The admission line is not what these tests look at: room for every check the lockout lets through.
    PASSWORD_CHECK_QUEUE_PER_CLIENT: '16',
  });
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
    expect(locked.retryAfter).toBeLessThanOrEqual(4);
    // Case of the email does not open a second counter.
    expect(await attempt(email.toUpperCase(), 'right-pass', '10.5.0.9')).toMatchObject({ kind: 'rate_limited' });
    await new Promise((r) => setTimeout(r, 4200));
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

/** Fires all sign-ins at once; answers in request order as 'ok' or the WireError kind (with retryAfter). */
async function parallel(requests: Array<{ email: string; password: string; ip: string }>) {
  const settled = await Promise.allSettled(requests.map(({ email, password, ip }) =>
    id.call(IdentityPattern.SessionCreate, { body: { email, password }, ip })));
  return settled.map((s) => (s.status === 'fulfilled' ? { kind: 'ok' as const } : s.reason as { kind: string; retryAfter?: number }));
}

function tally(answers: Array<{ kind: string; retryAfter?: number }>) {
  const by = (kind: string) => answers.filter((a) => a.kind === kind).length;
  return { checked: by('ok') + by('unauthenticated'), ok: by('ok'), limited: by('rate_limited'), other: answers.length - by('ok') - by('unauthenticated') - by('rate_limited') };
}

describe('identity: the lockout holds under parallel sign-ins', () => {
  it('25 parallel sign-ins for one account (right password last) get at most 3 password checks; the rest 429 with Retry-After', async () => {
    const email = `par.${unique()}@bar.com`;
    await emailUser(id, email, 'right-pass');
    const requests = Array.from({ length: 25 }, (_, i) => ({ email, password: i === 24 ? 'right-pass' : `wrong-${i}`, ip: `10.9.${i}.1` }));
    const answers = await parallel(requests);
    const counts = tally(answers);
    expect(counts.checked).toBeLessThanOrEqual(3);
    expect(counts.limited).toBe(25 - counts.checked);
    expect(counts.other).toBe(0);
    for (const a of answers.filter((x) => x.kind === 'rate_limited')) expect(a.retryAfter).toBeGreaterThanOrEqual(1);
    // Locked now, even for the right password, until the window ends.
    expect(await attempt(email, 'right-pass', '10.9.200.1')).toMatchObject({ kind: 'rate_limited' });
    await new Promise((r) => setTimeout(r, 4200));
    await signIn(id, { email, password: 'right-pass' }, undefined, '10.9.200.1');
  });

  it('60 parallel sign-ins from one IP over 60 accounts (a real one last) get at most 6 password checks', async () => {
    const ip = '10.10.0.1';
    const email = `par60.${unique()}@bar.com`;
    await emailUser(id, email, 'right-pass');
    const requests = Array.from({ length: 60 }, (_, i) => (i === 59 ? { email, password: 'right-pass', ip } : { email: `spray60.${i}.${unique()}@bar.com`, password: 'guess-pass', ip }));
    const counts = tally(await parallel(requests));
    expect(counts.checked).toBeLessThanOrEqual(6);
    expect(counts.limited).toBe(60 - counts.checked);
    expect(counts.other).toBe(0);
    expect(await attempt(email, 'right-pass', ip)).toMatchObject({ kind: 'rate_limited' });
    // Other IPs are not affected.
    await signIn(id, { email, password: 'right-pass' }, undefined, '10.10.0.2');
  });

  it('a right password gives its place back: more successes than the IP limit never lock the IP', async () => {
    const ip = '10.11.0.1';
    const email = `ok8.${unique()}@bar.com`;
    await emailUser(id, email, 'right-pass');
    for (let round = 0; round < 4; round++) {
      expect(tally(await parallel([1, 2].map(() => ({ email, password: 'right-pass', ip }))))).toMatchObject({ ok: 2, limited: 0, other: 0 });
    }
    expect(await attempt(`nobody.${unique()}@bar.com`, 'guess', ip)).toMatchObject({ kind: 'unauthenticated' });
  });
});

// Password checks under load: a bounded, fair admission line (503 with Retry-After instead of a
// pile-up) and argon2 hashes made with older parameters replaced at the next successful sign-in.
import argon2 from 'argon2';
import { Redis } from 'ioredis';
import { IdentityPattern } from '#libs/contracts';
import { type IdentityHarness, startIdentity } from './identity-process.js';
import { emailUser, signIn, unique } from './accounts-fixtures.js';

let id: IdentityHarness;
let redis: Redis;
beforeAll(async () => {
  id = await startIdentity({
    PASSWORD_CHECK_CONCURRENCY: '1', PASSWORD_CHECK_QUEUE_PER_CLIENT: '2', PASSWORD_CHECK_QUEUE_MAX: '6',
    SIGNIN_MAX_FAILURES_PER_IP: '1000', PASSWORD_HASH_MEMORY_KIB: '19456', PASSWORD_HASH_TIME_COST: '2', // production's, not the suites' cheap ones
  });
  redis = new Redis(process.env.TEST_REDIS_URL!);
});
afterAll(async () => { redis?.disconnect(); await id?.stop(); });

const storedHash = async (userId: string) => (await id.db.query('SELECT password_hash FROM identity.users WHERE id = $1', [userId])).rows[0].password_hash as string;
const PARAMS = /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/;

describe('identity: argon2 parameters', () => {
  it('hashes new passwords with the configured parameters (the defaults here: OWASP m=19 MiB, t=2, p=1)', async () => {
    const user = await emailUser(id, `params.${unique()}@bar.com`, 'right-pass');
    expect(await storedHash(user.userId)).toMatch(PARAMS);
  });

  it('replaces a hash made with the library defaults at the next successful sign-in, not at a failed one', async () => {
    const email = `upgrade.${unique()}@bar.com`;
    const user = await emailUser(id, email, 'right-pass');
    const old = await argon2.hash('right-pass', { type: argon2.argon2id }); // m=64 MiB, t=3, p=4
    await id.db.query('UPDATE identity.users SET password_hash = $2 WHERE id = $1', [user.userId, old]);
    expect(await id.fail(IdentityPattern.SessionCreate, { body: { email, password: 'wrong-pass' }, ip: '10.20.0.1' })).toMatchObject({ kind: 'unauthenticated' });
    expect(await storedHash(user.userId)).toBe(old);
    await signIn(id, { email, password: 'right-pass' }, user.userId, '10.20.0.1');
    const upgraded = await storedHash(user.userId);
    expect(upgraded).toMatch(PARAMS);
    expect(await argon2.verify(upgraded, 'right-pass')).toBe(true);
    await signIn(id, { email, password: 'right-pass' }, user.userId, '10.20.0.1');
    expect(await storedHash(user.userId)).toBe(upgraded);
  });
});

describe('identity: bounded, fair password checks', () => {
  it('a flood of unknown logins, from one IP or many, gets 503 with Retry-After beyond its share; a real sign-in still succeeds', async () => {
    for (const ips of [['10.21.0.1'], Array.from({ length: 20 }, (_, i) => `10.22.0.${i + 1}`)]) {
      const email = `legit.${unique()}@bar.com`;
      const legit = await emailUser(id, email, 'right-pass');
      const flood = Promise.allSettled(Array.from({ length: 20 }, (_, i) =>
        id.call(IdentityPattern.SessionCreate, { body: { email: `bogus.${unique()}@bar.com`, password: 'guess-pass' }, ip: ips[i % ips.length] })));
      const signedIn = await signIn(id, { email, password: 'right-pass' }, legit.userId, '10.21.0.200');
      expect(signedIn.ticket).toMatch(/^[0-9a-f-]{36}$/);
      const answers = (await flood).map((s) => (s.status === 'rejected' ? s.reason : { kind: 'ok' })) as Array<{ kind: string; retryAfter?: number }>;
      const busy = answers.filter((a) => a.kind === 'unavailable');
      const checked = answers.filter((a) => a.kind === 'unauthenticated');
      expect(busy.length + checked.length).toBe(20);
      // Unknown logins share one line: one running and two waiting at a time; the rest are turned away at once.
      expect(busy.length).toBeGreaterThanOrEqual(10);
      for (const a of busy) expect(a).toMatchObject({ kind: 'unavailable', retryAfter: 1, message: 'Too many sign-ins at once, try again shortly' });
      // A check that never ran is no failure: only the checked ones count against the IPs.
      const counted = await Promise.all([...new Set(ips)].map(async (ip) => Number(await redis.get(`rl:signin-fail:ip:${ip}`))));
      expect(counted.reduce((a, b) => a + b, 0)).toBe(checked.length);
    }
  });
});

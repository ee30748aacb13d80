// Rate limits at the edge: per client IP (per API key for the external API) and route class,
// counted in Redis and shared by two gateway replicas, answered 429 JSON with Retry-After and
// the RateLimit-* headers. The echo fixture stands in for identity, rewards and certificates.
import { Redis } from 'ioredis';
import { answers200, distMain, fixtureMain, freePort, type Started, startProcess } from '../support/processes.js';

const REDIS_URL = `${process.env.TEST_REDIS_URL}/4`;
let redis: Redis;
let echo: Started;
const gateways: Started[] = [];
const bases: string[] = [];

async function startGateway(env: Record<string, string>): Promise<void> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  gateways.push(await startProcess(distMain('gateway'), {
    REDIS_URL, PORT: String(port), HOST: '127.0.0.1', HEALTH_PORT: '0', LOG_LEVEL: 'log',
    READY_REQUIRES_SERVICES: 'identity,rewards,certificates', ...env,
  }, () => answers200(`${base}/health/ready`)));
  bases.push(base);
}

beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  await redis.flushdb();
  echo = await startProcess(fixtureMain('gateway-echo'), { REDIS_URL }, (out) => out.includes('ECHO_READY'));
  const limits = { RATE_LIMIT_SIGN_IN: '3/60', RATE_LIMIT_READS: '5/2', RATE_LIMIT_EXTERNAL_API: '4/60', RATE_LIMIT_CODE_SENDING: '0/60' };
  await startGateway(limits);
  await startGateway(limits);
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.stop()));
  await echo?.stop();
  await redis?.quit();
});

interface Answer { status: number; headers: Headers; body: any }
/** Replica `replica` of the gateway, as client `ip` (the loopback hop is a trusted proxy by default). */
async function call(replica: number, method: string, path: string, ip: string, headers: Record<string, string> = {}, body?: unknown): Promise<Answer> {
  const res = await fetch(`${bases[replica % bases.length]}${path}`, {
    method, headers: { 'x-forwarded-for': ip, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, headers: res.headers, body: parsed };
}

const resetPassword = (replica: number, ip: string) => call(replica, 'POST', '/identity-service/account/phone/reset_password', ip,
  { authenticateit_identity_ticket: '00000000-0000-4000-8000-000000000000' }, { phone: '+61400000000', password: 'new-pass-1' });
const readTypes = (replica: number, ip: string) => call(replica, 'GET', '/identity-service/account/registration_types', ip);

function expectLimited(answer: Answer, limit: number): void {
  expect(answer.status).toBe(429);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  expect(answer.body).toEqual({ error: 'Too many requests, try again later' });
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(answer.headers.get('ratelimit-limit')).toBe(String(limit));
  expect(answer.headers.get('ratelimit-remaining')).toBe('0');
  expect(Number(answer.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(1);
  expect(answer.headers.get('x-request-id')).toBeTruthy();
}

describe('gateway rate limits', () => {
  it('sign-in class: 3 per IP across both replicas, then 429 with Retry-After and RateLimit headers', async () => {
    const ip = '198.51.100.1';
    for (let i = 0; i < 3; i++) {
      const ok = await resetPassword(i, ip);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('ratelimit-limit')).toBe('3');
      expect(ok.headers.get('ratelimit-remaining')).toBe(String(2 - i));
    }
    expectLimited(await resetPassword(0, ip), 3);
    expectLimited(await resetPassword(1, ip), 3);
    // Another client has its own counter; another class of the same client too.
    expect((await resetPassword(0, '198.51.100.2')).status).toBe(200);
    expect((await readTypes(1, ip)).status).toBe(200);
  });

  it('parallel requests cannot pass more than the limit', async () => {
    const ip = '198.51.100.3';
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => resetPassword(i, ip)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(17);
  });

  it('reads: the window ends and the client may go on', async () => {
    const ip = '198.51.100.4';
    for (let i = 0; i < 5; i++) expect((await readTypes(i, ip)).status).toBe(200);
    expectLimited(await readTypes(0, ip), 5);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await readTypes(1, ip)).status).toBe(200);
  });

  it('the external API is limited per API key, whatever the IP; no key rests in Redis', async () => {
    const key = { 'x-api-key': 'fixture-good-api-key' };
    for (let i = 0; i < 4; i++) expect((await call(i, 'GET', '/external/payment-certificate', `203.0.113.${i + 1}`, key)).status).toBe(200);
    expectLimited(await call(0, 'GET', '/external/payment-certificate', '203.0.113.50', key), 4);
    // A different (wrong) key has its own counter: 401 from certificates, not 429.
    expect((await call(1, 'GET', '/external/payment-certificate', '203.0.113.50', { 'x-api-key': 'another-key' })).status).toBe(401);
    const keys = await redis.keys('rl-gw:*');
    expect(keys.some((k) => k.startsWith('rl-gw:external-api:key:'))).toBe(true);
    for (const k of keys) expect(k).not.toMatch(/fixture-good-api-key|another-key/);
  });

  it('a class whose limit is 0/<seconds> is not limited', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      call(i, 'POST', '/identity-service/account/code/resend', '198.51.100.9', {}, { token: 'x' })));
    expect(answers.every((a) => a.status !== 429 && a.headers.get('ratelimit-limit') === null)).toBe(true);
  });

  it('refuses a malformed limit at start, naming the variable', async () => {
    await expect(startProcess(distMain('gateway'), { REDIS_URL, PORT: '1', RATE_LIMIT_SIGN_IN: 'lots' }, () => false, 10_000))
      .rejects.toThrow(/RATE_LIMIT_SIGN_IN="lots": must be <max>\/<seconds>/);
  });
});

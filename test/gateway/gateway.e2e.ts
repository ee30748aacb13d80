// The real gateway process (dist/apps/gateway/src/main.bundle.mjs) in front of a real stand-in service
// process (test/fixtures/gateway-echo) that registers as rewards, identity and certificates
// on the Redis Streams transport. participants-billing has no replica on purpose (503).
import { Redis } from 'ioredis';
import { BillingPattern, SYSTEM_PARTICIPANT_ID, RewardsPattern } from '#libs/contracts';
import { hashTicket, TicketStore } from '#libs/session';
import { answers200, distMain, fixtureMain, freePort, type Started, startProcess } from '../support/processes.js';

// A Redis database of our own, so other suites' replicas and keys do not interfere.
const REDIS_URL = `${process.env.TEST_REDIS_URL}/5`;
const REQUEST_TIMEOUT_MS = 1000;
const BODY_LIMIT_BYTES = 65_536;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let redis: Redis;
let store: TicketStore;
let echo: Started;
let gateway: Started;
let base: string;
let healthBase: string;
const issuedTickets: string[] = [];

interface Answer { status: number; headers: Headers; body: any; text: string }

async function call(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const res = await fetch(`${base}${path}`, { method, headers: init.headers, body: init.body });
  const text = await res.text();
  let body: unknown;
  try { body = JSON.parse(text); } catch { body = undefined; }
  return { status: res.status, headers: res.headers, body, text };
}

const postJson = (path: string, data: unknown, headers: Record<string, string> = {}) =>
  call('POST', path, { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(data) });

function expectJsonError(answer: Answer, status: number): void {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  expect(typeof answer.body?.error).toBe('string');
  expect(answer.text).not.toMatch(/\bat .*\.(js|ts):\d+/); // never a stack
}

async function session(currentParticipant: string, roles: string[], ttlStore = store): Promise<string> {
  const ticket = await ttlStore.create({
    userId: `urn:authenticateit:user:email:${roles.join('-') || 'plain'}`, name: 'Test User',
    currentParticipant, roles, modules: ['rewards'],
  });
  issuedTickets.push(ticket);
  return ticket;
}
const userTicket = () => session('urn:authenticateit:participant:5', ['user']);
const adminTicket = () => session(SYSTEM_PARTICIPANT_ID, ['security_admin']);
const systemTicket = () => session(SYSTEM_PARTICIPANT_ID, ['user']);

async function getexCalls(): Promise<number> {
  const stats = await redis.info('commandstats');
  return Number(/cmdstat_getex:calls=(\d+)/.exec(stats)?.[1] ?? 0);
}

beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  await redis.flushdb();
  store = new TicketStore(redis, { ttlSeconds: 3600, maxAgeSeconds: 86_400 });
  echo = await startProcess(fixtureMain('gateway-echo'),
    { REDIS_URL, ECHO_SLOW_MS: '2500' }, (out) => out.includes('ECHO_READY'));
  const port = await freePort();
  const healthPort = await freePort();
  base = `http://127.0.0.1:${port}`;
  healthBase = `http://127.0.0.1:${healthPort}`;
  gateway = await startProcess(distMain('gateway'), {
    REDIS_URL, PORT: String(port), HOST: '127.0.0.1', HEALTH_PORT: String(healthPort),
    REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES), LOG_LEVEL: 'log',
    // The echo fixture stands in for identity, rewards and certificates; billing stays absent on purpose.
    READY_REQUIRES_SERVICES: 'identity,rewards,certificates',
  }, () => answers200(`${base}/health/ready`));
});

afterAll(async () => {
  await gateway?.stop();
  await echo?.stop();
  await redis?.quit();
});

describe('tickets', () => {
  it('401 without a ticket', async () => {
    expectJsonError(await call('GET', '/identity-service/account/level'), 401);
  });

  it('401 for a malformed ticket, without a Redis lookup; 401 for an unknown UUID after one', async () => {
    const before = await getexCalls();
    expectJsonError(await call('GET', '/identity-service/account/level', { headers: { authenticateit_identity_ticket: 'garbage' } }), 401);
    expectJsonError(await call('GET', '/identity-service/account/level', { headers: { authorization: 'Bearer x; DROP' } }), 401);
    expect(await getexCalls()).toBe(before);
    expectJsonError(await call('GET', '/identity-service/account/level',
      { headers: { authenticateit_identity_ticket: '0b3c2f5e-8d1a-4c7e-9f00-123456789abc' } }), 401);
    expect(await getexCalls()).toBe(before + 1);
  });

  it('401 once the session has expired', async () => {
    const shortLived = new TicketStore(redis, { ttlSeconds: 1, maxAgeSeconds: 86_400 });
    const ticket = await session('urn:authenticateit:participant:5', ['user'], shortLived);
    await new Promise((r) => setTimeout(r, 2100));
    expectJsonError(await call('GET', '/identity-service/account/level', { headers: { authenticateit_identity_ticket: ticket } }), 401);
  });

  it('slides the session TTL to SESSION_TTL_SECONDS on use', async () => {
    const ticket = await session('urn:authenticateit:participant:5', ['user'], new TicketStore(redis, { ttlSeconds: 60, maxAgeSeconds: 86_400 }));
    expect((await call('GET', '/identity-service/account/level', { headers: { authenticateit_identity_ticket: ticket } })).status).toBe(200);
    expect(await redis.ttl(`sess:${hashTicket(ticket)}`)).toBeGreaterThan(2_592_000 - 60);
  });

  it('accepts the ticket header and Authorization: Bearer, and passes the session to the service', async () => {
    const ticket = await userTicket();
    const variants: Record<string, string>[] = [{ authenticateit_identity_ticket: ticket }, { authorization: `Bearer ${ticket}` }];
    for (const headers of variants) {
      const res = await call('GET', '/identity-service/account/level', { headers });
      expect(res.status).toBe(200);
      expect(res.body.pattern).toBe(RewardsPattern.LevelMine);
      const seen = JSON.parse(res.body.headers['x-session']);
      expect(seen).toMatchObject({ userId: 'urn:authenticateit:user:email:user', currentParticipant: 'urn:authenticateit:participant:5', roles: ['user'] });
      expect(JSON.stringify(res.body)).not.toContain(ticket); // services get the session, never the ticket
    }
  });
});

describe('roles', () => {
  it('403 on a sys-admin route for an ordinary user and for a system user without security_admin', async () => {
    for (const ticket of [await userTicket(), await systemTicket()]) {
      expectJsonError(await postJson('/identity-service/user/scans', {}, { authenticateit_identity_ticket: ticket }), 403);
    }
  });

  it('200 for a security admin; the service sees x-session, x-request-id, x-caller and the payload', async () => {
    const res = await postJson('/identity-service/user/scans?page=2&tag=a&tag=b', { user_id: 'u1' },
      { authenticateit_identity_ticket: await adminTicket(), 'user-agent': 'e2e-agent/1.0', 'accept-language': 'de', cookie: 'secret=1' });
    expect(res.status).toBe(200);
    const { payload, headers } = res.body;
    expect(res.body.pattern).toBe(RewardsPattern.UserScans);
    expect(JSON.parse(headers['x-session'])).toMatchObject({ currentParticipant: SYSTEM_PARTICIPANT_ID, roles: ['security_admin'] });
    expect(headers['x-request-id']).toMatch(UUID);
    expect(headers['x-request-id']).toBe(res.headers.get('x-request-id'));
    expect(headers['x-caller']).toBe('gateway');
    expect(payload.body).toEqual({ user_id: 'u1' });
    expect(payload.query).toEqual({ page: '2', tag: ['a', 'b'] });
    expect(payload.params).toEqual({});
    expect(payload.contentType).toBe('application/json');
    expect(payload.ip).toBe('127.0.0.1');
    expect(payload.headers).toEqual({ 'user-agent': 'e2e-agent/1.0', 'accept-language': 'de' });
  });

  it('system routes: 403 for a user outside the system participant, passes for a system-participant user', async () => {
    expectJsonError(await postJson('/identity-service/participants', {}, { authenticateit_identity_ticket: await userTicket() }), 403);
    // Past the auth check it reaches participants-billing, which has no replica here.
    expectJsonError(await postJson('/identity-service/participants', {}, { authenticateit_identity_ticket: await systemTicket() }), 503);
  });
});

describe('routing', () => {
  it('serves /user/... both as written and under /identity-service', async () => {
    const headers = { authenticateit_identity_ticket: await adminTicket() };
    for (const path of ['/user/transactions', '/identity-service/user/transactions']) {
      const res = await postJson(path, { user_id: 'u1' }, headers);
      expect(res.status).toBe(200);
      expect(res.body.pattern).toBe(RewardsPattern.UserTransactions);
    }
  });

  it('accepts a trailing slash', async () => {
    const res = await call('GET', '/identity-service/account/level/', { headers: { authenticateit_identity_ticket: await userTicket() } });
    expect(res.status).toBe(200);
    expect(res.body.pattern).toBe(RewardsPattern.LevelMine);
  });

  it('404 JSON for an unknown route and for a known path with the wrong method', async () => {
    const unknown = await call('GET', '/no/such/route');
    expectJsonError(unknown, 404);
    expect(unknown.headers.get('x-request-id')).toMatch(UUID);
    const wrongMethod = await call('DELETE', '/user/transactions');
    expect([404, 405]).toContain(wrongMethod.status);
    expectJsonError(wrongMethod, wrongMethod.status);
  });

  it('passes a public route the session when a valid ticket comes along, and ignores a bad one', async () => {
    const path = '/identity-service/account/registration_types';
    const withTicket = await call('GET', path, { headers: { authorization: `Bearer ${await userTicket()}` } });
    expect(withTicket.status).toBe(200);
    expect(JSON.parse(withTicket.body.headers['x-session']).userId).toBe('urn:authenticateit:user:email:user');
    const variants: Record<string, string>[] = [{}, { authenticateit_identity_ticket: 'not-a-ticket' }];
    for (const headers of variants) {
      const res = await call('GET', path, { headers });
      expect(res.status).toBe(200);
      expect(res.body.headers['x-session']).toBeUndefined();
    }
  });

  it('hands the one-time reset ticket to identity on a reset-ticket route, without a session check', async () => {
    const res = await postJson('/identity-service/account/phone/reset_password', { password: 'n3w-Password' },
      { authenticateit_identity_ticket: 'one-time-reset-ticket' });
    expect(res.status).toBe(200);
    expect(res.body.payload.headers.authenticateit_identity_ticket).toBe('one-time-reset-ticket');
    expect(res.body.headers['x-session']).toBeUndefined();
  });

  it('passes path parameters', async () => {
    const res = await call('PUT', '/identity-service/user/transactions/cashouts/c-42/approved/',
      { headers: { authenticateit_identity_ticket: await adminTicket(), 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
    expect(res.body.pattern).toBe(RewardsPattern.CashoutSetStatus);
    expect(res.body.payload.params).toEqual({ cashout_id: 'c-42', status: 'approved' });
  });
});

describe('request bodies', () => {
  const admin = async () => ({ authenticateit_identity_ticket: await adminTicket() });

  it('400 for malformed JSON', async () => {
    const res = await call('POST', '/user/transactions', { headers: { ...(await admin()), 'content-type': 'application/json' }, body: '{"user_id": ' });
    expectJsonError(res, 400);
  });

  it('413 for a body over BODY_LIMIT_BYTES', async () => {
    const res = await postJson('/user/transactions', { blob: 'x'.repeat(BODY_LIMIT_BYTES + 10) }, await admin());
    expectJsonError(res, 413);
  });

  it('415 for an unsupported content type', async () => {
    const res = await call('POST', '/user/transactions', { headers: { ...(await admin()), 'content-type': 'text/plain' }, body: 'hello' });
    expectJsonError(res, 415);
  });

  it('a form-urlencoded body reaches the handler as an object', async () => {
    const res = await call('POST', '/user/timeline/message', {
      headers: { ...(await admin()), 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: 'user_id=u%201&message=hello+there&tags=a&tags=b',
    });
    expect(res.status).toBe(200);
    expect(res.body.payload.body).toEqual({ user_id: 'u 1', message: 'hello there', tags: ['a', 'b'] });
    expect(res.body.payload.contentType).toBe('application/x-www-form-urlencoded');
  });
});

describe('service answers and failures', () => {
  const admin = async () => ({ authenticateit_identity_ticket: await adminTicket() });

  it('httpReply sets status and headers', async () => {
    const res = await postJson('/identity-service/user/rewards', {}, await admin());
    expect(res.status).toBe(201);
    expect(res.headers.get('x-fixture')).toBe('yes');
    expect(res.body).toEqual({ created: true });
  });

  it('invalid input is 400 with per-field details', async () => {
    const res = await postJson('/identity-service/user/buddies', {}, await admin());
    expectJsonError(res, 400);
    expect(res.body).toEqual({ error: 'Invalid request', details: [{ field: 'user_id', errors: ['user_id must be a string'] }] });
  });

  it('a handler crash is a bare 500 Internal error', async () => {
    const res = await postJson('/identity-service/user/reminders', {}, await admin());
    expectJsonError(res, 500);
    expect(res.body).toEqual({ error: 'Internal error' });
  });

  it('429 carries Retry-After', async () => {
    const res = await postJson('/identity-service/user/timeline', {}, await admin());
    expectJsonError(res, 429);
    expect(res.headers.get('retry-after')).toBe('30');
  });

  it('503 at once for a service with no replica', async () => {
    const started = Date.now();
    const res = await postJson('/identity-service/prefix/check', { prefix: '123' });
    expectJsonError(res, 503);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('504 when the handler is slower than REQUEST_TIMEOUT_MS', async () => {
    const started = Date.now();
    const res = await postJson('/identity-service/user/level', {}, await admin());
    const elapsed = Date.now() - started;
    expectJsonError(res, 504);
    expect(elapsed).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(2500);
  });
});

describe('request id and client ip', () => {
  it('keeps a sane incoming x-request-id and replaces an unsafe one', async () => {
    const headers = { authenticateit_identity_ticket: await userTicket() };
    const kept = await call('GET', '/identity-service/account/level', { headers: { ...headers, 'x-request-id': 'trace.ABC-123_x' } });
    expect(kept.headers.get('x-request-id')).toBe('trace.ABC-123_x');
    expect(kept.body.headers['x-request-id']).toBe('trace.ABC-123_x');
    const replaced = await call('GET', '/identity-service/account/level', { headers: { ...headers, 'x-request-id': 'bad id\\"{}' } });
    expect(replaced.headers.get('x-request-id')).toMatch(UUID);
    expect(replaced.body.headers['x-request-id']).toBe(replaced.headers.get('x-request-id'));
  });

  it('echoes the request id on errors too', async () => {
    const res = await call('GET', '/identity-service/account/level', { headers: { 'x-request-id': 'err-trace-1' } });
    expectJsonError(res, 401);
    expect(res.headers.get('x-request-id')).toBe('err-trace-1');
  });

  it('trusts X-Forwarded-For from a loopback proxy (TRUSTED_PROXIES default)', async () => {
    const res = await call('GET', '/identity-service/account/level',
      { headers: { authenticateit_identity_ticket: await userTicket(), 'x-forwarded-for': '203.0.113.9' } });
    expect(res.body.payload.ip).toBe('203.0.113.9');
  });
});

describe('api keys', () => {
  it('401 without a key and with a wrong key', async () => {
    expectJsonError(await call('GET', '/external/payment-certificate'), 401);
    expectJsonError(await call('GET', '/external/payment-certificate', { headers: { 'x-api-key': 'wrong-key' } }), 401);
  });

  it('X-Api-Key and Authorization: Api-Key both work; the caller reaches the service; verdicts are cached', async () => {
    const first = await call('GET', '/external/payment-certificate/', { headers: { 'x-api-key': 'fixture-good-api-key' } });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body.headers['x-api-key-caller'])).toEqual({ participantId: 'urn:authenticateit:participant:77', keyId: 'key-1' });
    expect(first.body.headers['x-session']).toBeUndefined();
    const second = await call('GET', '/external/payment-certificate', { headers: { authorization: 'Api-Key fixture-good-api-key' } });
    expect(second.status).toBe(200);
    expect(second.body.apiKeyVerifications).toBe(first.body.apiKeyVerifications); // served from the 10 s cache
  });
});

describe('raw body routes', () => {
  // A second echo replica, for participants-billing only, started after the "no replica" test above.
  let billingEcho: Started;
  beforeAll(async () => {
    billingEcho = await startProcess(fixtureMain('gateway-echo'),
      { REDIS_URL, ECHO_SERVICES: 'participants-billing' }, (out) => out.includes('ECHO_READY'));
  });
  afterAll(async () => { await billingEcho?.stop(); });

  it('hands a rawBody route the body exactly as sent and its declared headers, no others', async () => {
    // Key order, spacing and escapes a JSON round trip would change: a signature is over these bytes.
    const text = '{\n  "id": "evt_1",\n  "type":"payment_intent.succeeded" , "amount": 1.50, "note": "\\u00e9t\u00e9"\n}';
    const res = await call('POST', '/billing/stripe/webhook', {
      headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': 't=1,v1=abc', 'x-other': 'not forwarded' }, body: text,
    });
    expect(res.status).toBe(200);
    expect(res.body.pattern).toBe(BillingPattern.StripeWebhook);
    expect(res.body.payload.rawBody).toBe(text);
    expect(res.body.payload.body).toEqual({ id: 'evt_1', type: 'payment_intent.succeeded', amount: 1.5, note: 'été' });
    expect(res.body.payload.headers).toEqual({ 'stripe-signature': 't=1,v1=abc', 'user-agent': 'node', 'accept-language': '*' });
  });

  it('gives other routes neither the raw body nor undeclared headers', async () => {
    const res = await postJson('/user/timeline/message', { a: 1 }, { authenticateit_identity_ticket: await adminTicket(), 'stripe-signature': 't=1,v1=abc' });
    expect(res.status).toBe(200);
    expect(res.body.payload.rawBody).toBeUndefined();
    expect(res.body.payload.headers['stripe-signature']).toBeUndefined();
  });

  it('still refuses a malformed or oversized raw body route body like any other', async () => {
    const headers = { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=abc' };
    expectJsonError(await call('POST', '/billing/stripe/webhook', { headers, body: '{"id": ' }), 400);
    expectJsonError(await call('POST', '/billing/stripe/webhook', { headers, body: JSON.stringify({ blob: 'x'.repeat(BODY_LIMIT_BYTES + 10) }) }), 413);
  });
});

describe('health and process', () => {
  it('answers live and ready on the main port and on HEALTH_PORT', async () => {
    for (const url of [base, healthBase]) {
      for (const path of ['/health/live', '/health/ready']) {
        const res = await fetch(`${url}${path}`);
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ status: 'ok' });
      }
    }
  });

  it('never logs tickets', () => {
    expect(issuedTickets.length).toBeGreaterThan(5);
    for (const ticket of issuedTickets) expect(gateway.output()).not.toContain(ticket);
  });

  it('a bad configuration value stops the process with a clear message', async () => {
    await expect(startProcess(distMain('gateway'), { REDIS_URL, PORT: 'eighty', TRUSTED_PROXIES: '10.0.0.0/99' }, () => false, 10_000))
      .rejects.toThrow(/exited with 1[\s\S]*PORT[\s\S]*TRUSTED_PROXIES/);
  });
});

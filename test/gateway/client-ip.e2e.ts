// The client IP the gateway hands to services: X-Forwarded-For counts only when the connection
// comes from a proxy named in TRUSTED_PROXIES (here 127.0.0.2 plays the ingress controller and
// 127.0.0.3 any other hop), and then only the entry that proxy added.
import { request } from 'node:http';
import { Redis } from 'ioredis';
import { TicketStore } from '#libs/session';
import { answers200, distMain, fixtureMain, freePort, type Started, startProcess } from '../support/processes.js';

const REDIS_URL = `${process.env.TEST_REDIS_URL}/4`;
const INGRESS = '127.0.0.2';
const OTHER_HOP = '127.0.0.3';
let redis: Redis;
let echo: Started;
let gateway: Started;
let port: number;
let ticket: string;

beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  await redis.flushdb();
  echo = await startProcess(fixtureMain('gateway-echo'), { REDIS_URL }, (out) => out.includes('ECHO_READY'));
  port = await freePort();
  gateway = await startProcess(distMain('gateway'), {
    REDIS_URL, PORT: String(port), HOST: '127.0.0.1', HEALTH_PORT: '0', TRUSTED_PROXIES: INGRESS, RATE_LIMIT_SIGN_IN: '3/60',
    READY_REQUIRES_SERVICES: 'identity,rewards,certificates',
  }, () => answers200(`http://127.0.0.1:${port}/health/ready`));
  const store = new TicketStore(redis, { ttlSeconds: 3600, maxAgeSeconds: 86_400 });
  ticket = await store.create({ userId: 'urn:authenticateit:user:email:ip-test', name: 'IP', currentParticipant: '', roles: ['user'], modules: [] });
});
afterAll(async () => {
  await gateway?.stop();
  await echo?.stop();
  await redis?.quit();
});

/** One request to the gateway from the local address `from`. */
function send(from: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, localAddress: from, headers }, (res) => {
      let text = '';
      res.on('data', (d) => { text += String(d); });
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const seenIp = async (from: string, forwardedFor?: string) => {
  const res = await send(from, 'GET', '/identity-service/account/level',
    { authenticateit_identity_ticket: ticket, ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) });
  expect(res.status).toBe(200);
  return res.body.payload.ip as string;
};

describe('client IP and TRUSTED_PROXIES', () => {
  it('ignores X-Forwarded-For from a hop that is not a trusted proxy', async () => {
    expect(await seenIp(OTHER_HOP, '203.0.113.9')).toBe(OTHER_HOP);
    expect(await seenIp(OTHER_HOP)).toBe(OTHER_HOP);
    // Loopback itself is not trusted once TRUSTED_PROXIES names the ingress only.
    expect(await seenIp('127.0.0.1', '203.0.113.9')).toBe('127.0.0.1');
  });

  it('takes the address the trusted ingress added, never an entry the client forged before it', async () => {
    expect(await seenIp(INGRESS, '203.0.113.9')).toBe('203.0.113.9');
    expect(await seenIp(INGRESS, '6.6.6.6, 203.0.113.9')).toBe('203.0.113.9');
    expect(await seenIp(INGRESS, '10.0.0.7, 192.168.1.4, 203.0.113.9')).toBe('203.0.113.9');
    expect(await seenIp(INGRESS)).toBe(INGRESS);
  });

  it('a new forged X-Forwarded-For per request does not reset the per-IP limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await send(OTHER_HOP, 'POST', '/identity-service/account/phone/reset_password',
        { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i + 1}`, authenticateit_identity_ticket: ticket },
        JSON.stringify({ phone: '+61400000000', password: 'new-pass-1' }));
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
  });

  it('production refuses whole private ranges as trusted proxies', async () => {
    await expect(startProcess(distMain('gateway'), { REDIS_URL, PORT: '1', NODE_ENV: 'production', TRUSTED_PROXIES: 'loopback,uniquelocal' }, () => false, 10_000))
      .rejects.toThrow(/TRUSTED_PROXIES="loopback,uniquelocal": uniquelocal trusts a whole private range/);
  });
});

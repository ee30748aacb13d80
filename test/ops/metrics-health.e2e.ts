// Prometheus /metrics of the gateway and a service, and the gateway's readiness following the
// services' transport heartbeats: every process real, the worker's shared system.
import { jest } from '@jest/globals';
import { sharedSystem } from '../support/shared-system.js';
import { http, restartApp, type RunningSystem, SYSTEM_ADMIN } from '../support/system.js';
import { find, scrape } from './prometheus-text.js';
import { IdentityPattern } from '#libs/contracts';

jest.setTimeout(120_000);

let sys: RunningSystem;
const health = (app: string, path: string) => `http://127.0.0.1:${sys.envOf(app).HEALTH_PORT}${path}`;

beforeAll(async () => {
  sys = await sharedSystem();
  await restartApp(sys, 'gateway'); // fresh: the request counts below are this suite's requests only
}, 180_000);

const call = (method: string, path: string, opts?: Parameters<typeof http>[3]) => http(sys.baseUrl, method, path, opts);

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('metrics', () => {
  beforeAll(async () => {
    expect((await call('POST', '/identity-service/session', { body: SYSTEM_ADMIN })).status).toBe(200);
    expect((await call('POST', '/identity-service/session', { body: { email: SYSTEM_ADMIN.email, password: 'wrong-password-1' } })).status).toBe(401);
    expect((await call('GET', '/identity-service/account/activate/no-such-code')).status).toBe(404);
    expect((await call('GET', '/identity-service/account')).status).toBe(401); // refused at the gateway, no hop
    expect((await call('GET', '/no/such/route')).status).toBe(404);
  });

  it('gateway: /metrics only on the health port, never on the public one', async () => {
    const open = await call('GET', '/metrics');
    expect(open.status).toBe(404);
    expect(open.body).toEqual({ error: 'Not found' });
    expect((await fetch(health('gateway', '/metrics'))).status).toBe(200);
  });

  it('gateway: latency histogram and request count by route template and status', async () => {
    for (const url of [health('gateway', '/metrics')]) {
      const { contentType, samples } = await scrape(url);
      expect(contentType).toMatch(/^text\/plain/);
      const count = (route: string, method: string, status: string) =>
        find(samples, 'http_request_duration_seconds_count', { route, method, status, app: 'gateway' })[0]?.value ?? 0;
      // Exactly once each: a request is counted by its route's hook only.
      expect(count('/identity-service/session', 'POST', '200')).toBe(1);
      expect(count('/identity-service/session', 'POST', '401')).toBe(1);
      // The template, not the raw URL.
      expect(count('/identity-service/account/activate/:activation_code', 'GET', '404')).toBe(1);
      expect(find(samples, 'http_request_duration_seconds_count').some((s) => s.labels.route.includes('no-such-code'))).toBe(false);
      expect(count('unmatched', 'GET', '404')).toBe(1 + 1); // /no/such/route, and /metrics on the public port (test above)
      expect(find(samples, 'http_requests_total', { route: '/identity-service/account', method: 'GET', status: '401' })[0]?.value).toBeGreaterThanOrEqual(1);
      expect(find(samples, 'http_request_duration_seconds_bucket', { route: '/identity-service/session', status: '200', le: '+Inf' })[0]?.value).toBeGreaterThanOrEqual(1);
    }
  });

  it('gateway: transport client latency and errors by service and pattern', async () => {
    const { samples } = await scrape(health('gateway', '/metrics'));
    expect(find(samples, 'transport_client_request_duration_seconds_count', { service: 'identity', pattern: IdentityPattern.SessionCreate, outcome: 'ok' })[0]?.value)
      .toBeGreaterThanOrEqual(1);
    expect(find(samples, 'transport_client_errors_total', { service: 'identity', pattern: IdentityPattern.SessionCreate, kind: 'unauthenticated' })[0]?.value)
      .toBeGreaterThanOrEqual(1);
    expect(find(samples, 'transport_client_errors_total', { service: 'identity', pattern: IdentityPattern.AccountActivate, kind: 'not_found' })[0]?.value)
      .toBeGreaterThanOrEqual(1);
  });

  it('gateway and services: default process metrics', async () => {
    for (const app of ['gateway', 'identity']) {
      const { samples } = await scrape(health(app, '/metrics'));
      expect(find(samples, 'process_resident_memory_bytes', { app })[0]?.value).toBeGreaterThan(0);
      expect(find(samples, 'nodejs_eventloop_lag_seconds', { app })).toHaveLength(1);
      expect(find(samples, 'nodejs_heap_size_used_bytes', { app })[0]?.value).toBeGreaterThan(0);
    }
  });

  it('identity: handler histogram and errors by pattern, stream lag/pending, Postgres pool', async () => {
    const { samples } = await scrape(health('identity', '/metrics'));
    expect(find(samples, 'transport_handler_duration_seconds_count', { pattern: IdentityPattern.SessionCreate, outcome: 'ok', app: 'identity' })[0]?.value)
      .toBeGreaterThanOrEqual(1);
    expect(find(samples, 'transport_handler_duration_seconds_count', { pattern: IdentityPattern.SessionCreate, outcome: 'error' })[0]?.value)
      .toBeGreaterThanOrEqual(1);
    expect(find(samples, 'transport_handler_errors_total', { pattern: IdentityPattern.SessionCreate, kind: 'unauthenticated' })[0]?.value)
      .toBeGreaterThanOrEqual(1);
    const stream = { stream: 'rq:{identity}', group: 'identity' };
    expect(find(samples, 'transport_stream_pending', stream)).toHaveLength(1);
    expect(find(samples, 'transport_stream_lag', stream)[0]?.value).toBe(0); // idle: everything delivered
    expect(find(samples, 'transport_stream_consumers', stream)[0]?.value).toBeGreaterThanOrEqual(1);
    // Entries leave the stream once answered: an idle service's request stream is empty.
    expect(find(samples, 'transport_stream_length', { stream: 'rq:{identity}' })[0]?.value).toBe(0);
    expect(find(samples, 'db_pool_connections', { state: 'total' })[0]?.value).toBeGreaterThanOrEqual(1);
    expect(find(samples, 'db_pool_connections', { state: 'waiting' })[0]?.value).toBe(0);
    expect(find(samples, 'db_pool_max')[0]?.value).toBeGreaterThanOrEqual(1);
  });

  it('every service answers /metrics on its health port', async () => {
    for (const app of ['rewards', 'participants-billing', 'certificates']) {
      const { samples } = await scrape(health(app, '/metrics'));
      expect(find(samples, 'transport_stream_pending', { stream: `rq:{${app}}`, group: app })).toHaveLength(1);
    }
  });
});

describe('readiness', () => {
  it('services: ready with Postgres and Redis up; live', async () => {
    for (const app of ['identity', 'rewards', 'participants-billing', 'certificates']) {
      const ready = await fetch(health(app, '/health/ready'));
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ok', details: { postgres: { status: 'up' }, redis: { status: 'up' } } });
      expect((await fetch(health(app, '/health/live'))).status).toBe(200);
    }
  });

  it('gateway: ready names every service; 503 naming a stopped one while still live; ready again after a restart', async () => {
    const ready = async () => { const res = await fetch(`${sys.baseUrl}/health/ready`); return { status: res.status, body: await res.json() as any }; };
    expect(await ready()).toEqual({ status: 200, body: {
      status: 'ok', redis: 'ok', services: { identity: 'ok', rewards: 'ok', 'participants-billing': 'ok', certificates: 'ok' },
    } });

    await sys.processes.rewards.stop();
    const down = await until('gateway readiness 503', async () => { const r = await ready(); return r.status === 503 ? r : undefined; });
    expect(down.body).toEqual({ status: 'unavailable', redis: 'ok', services: { identity: 'ok', rewards: 'down', 'participants-billing': 'ok', certificates: 'ok' } });
    const onHealthPort = await fetch(health('gateway', '/health/ready'));
    expect(onHealthPort.status).toBe(503);
    expect(((await onHealthPort.json()) as any).services.rewards).toBe('down');
    expect((await fetch(`${sys.baseUrl}/health/live`)).status).toBe(200);
    // Routes of the other services still work.
    expect((await call('POST', '/identity-service/session', { body: SYSTEM_ADMIN })).status).toBe(200);

    await sys.restart('rewards');
    const up = await until('gateway readiness 200', async () => { const r = await ready(); return r.status === 200 ? r : undefined; });
    expect(up.body.services.rewards).toBe('ok');
  });
});

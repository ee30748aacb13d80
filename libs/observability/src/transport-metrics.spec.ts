import type { Registry } from 'prom-client';
import { createMetricsRegistry } from './metrics-registry.js';
import { transportClientMetrics, transportHandlerMetrics } from './transport-metrics.js';

/** Value of the one sample `name` carrying (at least) these labels. */
async function sample(registry: Registry, name: string, labels: Record<string, string>): Promise<number | undefined> {
  for (const line of (await registry.metrics()).split('\n')) {
    const m = /^(\w+)\{(.*)\} (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const has = Object.fromEntries([...m[2].matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k, v]));
    if (Object.entries(labels).every(([k, v]) => has[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('transport metrics hooks', () => {
  it('server: counts ok and failed handlings per pattern, errors per kind', async () => {
    const registry = createMetricsRegistry('test');
    const hook = transportHandlerMetrics(registry);
    hook('a.b', 5, true);
    hook('a.b', 7, true);
    hook('a.b', 2000, false, 'timeout');
    hook('c.d', 1, false, 'not_found');
    const count = 'transport_handler_duration_seconds_count';
    expect(await sample(registry, count, { pattern: 'a.b', outcome: 'ok', app: 'test' })).toBe(2);
    expect(await sample(registry, count, { pattern: 'a.b', outcome: 'error' })).toBe(1);
    expect(await sample(registry, 'transport_handler_duration_seconds_bucket', { pattern: 'a.b', outcome: 'ok', le: '0.01' })).toBe(2);
    expect(await sample(registry, 'transport_handler_duration_seconds_bucket', { pattern: 'a.b', outcome: 'ok', le: '0.005' })).toBe(1);
    expect(await sample(registry, 'transport_handler_errors_total', { pattern: 'a.b', kind: 'timeout' })).toBe(1);
    expect(await sample(registry, 'transport_handler_errors_total', { pattern: 'c.d', kind: 'not_found' })).toBe(1);
    expect(await sample(registry, 'transport_handler_errors_total', { pattern: 'a.b', kind: 'not_found' })).toBeUndefined();
  });

  it('client: labels by target service', async () => {
    const registry = createMetricsRegistry('gw');
    const forService = transportClientMetrics(registry);
    forService('identity')('identity.x', 3, true);
    forService('rewards')('rewards.y', 3, false, 'unavailable');
    expect(await sample(registry, 'transport_client_request_duration_seconds_count', { service: 'identity', pattern: 'identity.x', outcome: 'ok' })).toBe(1);
    expect(await sample(registry, 'transport_client_errors_total', { service: 'rewards', pattern: 'rewards.y', kind: 'unavailable' })).toBe(1);
  });
});

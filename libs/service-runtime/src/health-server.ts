import { createServer, Server } from 'node:http';
import type { Registry } from 'prom-client';
import { renderMetrics } from '#libs/observability';

export type ReadinessCheck = () => Promise<void>;

/**
 * Liveness and readiness for probes, on a port of its own so that services which do not
 * listen on HTTP still answer Kubernetes. `/health/ready` runs every check (Postgres, Redis…);
 * `/metrics` is the Prometheus scrape of `metrics` when given.
 */
export async function startHealthServer(port: number, checks: Record<string, ReadinessCheck>, metrics?: Registry): Promise<Server> {
  const server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const path = (req.url ?? '').split('?')[0];
    if (path === '/health/live') return reply(200, { status: 'ok' });
    if (path === '/metrics' && metrics) {
      void renderMetrics(metrics).then(({ contentType, body }) => {
        res.writeHead(200, { 'content-type': contentType });
        res.end(body);
      }, () => reply(500, { error: 'Internal error' }));
      return;
    }
    if (path !== '/health/ready') return reply(404, { error: 'Not found' });
    void runChecks(checks).then(({ ok, details }) => reply(ok ? 200 : 503, { status: ok ? 'ok' : 'error', details }));
  });
  await new Promise<void>((resolve) => server.listen(port, '0.0.0.0', resolve));
  return server;
}

async function runChecks(checks: Record<string, ReadinessCheck>) {
  const entries = await Promise.all(Object.entries(checks).map(async ([name, check]) => {
    try {
      await withTimeout(check(), 2000);
      return [name, { status: 'up' }] as const;
    } catch (error) {
      return [name, { status: 'down', error: error instanceof Error ? error.message : String(error) }] as const;
    }
  }));
  return { ok: entries.every(([, v]) => v.status === 'up'), details: Object.fromEntries(entries) };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

import { createServer, Server } from 'node:http';
import type { Registry } from 'prom-client';
import { renderMetrics } from '#libs/observability';

export type ReadinessCheck = () => Promise<void>;
export interface HealthAnswer { status: number; body: unknown }

export interface HealthServerOptions {
  /** `/health/ready`'s answer. */
  ready: () => Promise<HealthAnswer>;
  /** Served at `/metrics`. */
  metrics?: Registry;
  host?: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const LIVE: HealthAnswer = { status: 200, body: { status: 'ok' } };
const NOT_FOUND: HealthAnswer = { status: 404, body: { error: 'Not found' } };
const FAILED = '{"error":"Internal error"}';

/**
 * The one health server of every process (services and gateway): liveness, readiness and the
 * Prometheus scrape on a port of their own, so processes that do not listen on HTTP still answer
 * Kubernetes and `/metrics` is never on a public port. GET and HEAD only; a trailing slash is ignored.
 */
export async function startHealthServer(port: number, { ready, metrics, host = '0.0.0.0' }: HealthServerOptions): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0].replace(/(.)\/+$/, '$1');
    const readable = req.method === 'GET' || req.method === 'HEAD';
    if (readable && path === '/metrics' && metrics) {
      renderMetrics(metrics).then(({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
        () => res.writeHead(500, { 'content-type': JSON_TYPE }).end(FAILED));
      return;
    }
    const answer = !readable ? NOT_FOUND : path === '/health/live' ? LIVE : path === '/health/ready' ? ready() : NOT_FOUND;
    Promise.resolve(answer).then((a) => res.writeHead(a.status, { 'content-type': JSON_TYPE }).end(JSON.stringify(a.body)),
      () => res.writeHead(500, { 'content-type': JSON_TYPE }).end(FAILED));
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, () => resolve()));
  return server;
}

/** A service's readiness: every check (Postgres, Redis…) within 2 s, each one's state in `details`. */
export function readinessOf(checks: Record<string, ReadinessCheck>): () => Promise<HealthAnswer> {
  return async () => {
    const entries = await Promise.all(Object.entries(checks).map(async ([name, check]) => {
      try {
        await withTimeout(check(), 2000);
        return [name, { status: 'up' }] as const;
      } catch (error) {
        return [name, { status: 'down', error: error instanceof Error ? error.message : String(error) }] as const;
      }
    }));
    const ok = entries.every(([, v]) => v.status === 'up');
    return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'error', details: Object.fromEntries(entries) } };
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

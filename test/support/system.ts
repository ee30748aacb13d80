// Starts the whole system as real processes (the four services and the gateway) against the
// e2e tier's PostgreSQL and Redis, for suites that speak HTTP to the gateway.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { answers200, APP_TEST_ENV, distMain, freePort, startProcess, type Started } from './processes.js';
import { recordExchange } from './openapi-record.js';

export const SERVICES = ['identity', 'rewards', 'participants-billing', 'certificates'] as const;
export const APPS = ['gateway', ...SERVICES] as const;
export const SYSTEM_ADMIN = { email: 'system-admin@rewards.test', password: 'system-admin-password-1' };

/**
 * Every suite talks to the gateway from 127.0.0.1, far faster than any client: the edge rate
 * limits are off for them (`0/<seconds>`); test/gateway/rate-limits.e2e.ts proves the limits.
 */
export const NO_EDGE_LIMITS: Record<string, string> = Object.fromEntries(
  ['SIGN_IN', 'CODE_SENDING', 'ACCOUNT_CREATION', 'EXTERNAL_API', 'READS', 'WRITES'].map((c) => [`RATE_LIMIT_${c}`, '0/60']));

export interface RunningSystem {
  baseUrl: string;
  redisUrl: string;
  databaseUrl: string;
  outboxDir: string;
  processes: Record<string, AppProcess>;
  /** The env `app` runs with. */
  envOf(app: string): Record<string, string>;
  /** Everything `app` wrote so far. */
  output(app: string): string;
  logs(): string;
  stop(): Promise<void>;
  /**
   * Starts `app` again (after `processes[app].stop()`) with the env it had, plus `env` for this
   * start only (the next restart goes back to the system's env); resolves when it is ready.
   */
  restart(app: string, env?: Record<string, string>): Promise<void>;
}

/** One app of a running system: what a suite may do with it. */
export interface AppProcess { output(): string; stop(): Promise<void> }

export interface SystemOptions {
  /** Env added per app (e.g. a fixed HEALTH_PORT), on top of the common env. */
  envFor?: Record<string, Record<string, string>>;
  /** The database (default: the worker's TEST_DATABASE_URL). */
  databaseUrl?: string;
  /** Each app's output goes to `<logDir>/<app>.log` and the processes may outlive the suite. */
  logDir?: string;
}

const listening = (out: string) => out.includes('listening on the transport');

/** Starts one app of a system with its env; resolves once it is ready (the gateway: once /health/ready answers 200). */
export function startApp(app: string, env: Record<string, string>, logFile?: string): Promise<Started> {
  const main = distMain(app);
  return app === 'gateway'
    ? startProcess(main, env, () => answers200(`http://127.0.0.1:${env.PORT}/health/ready`), 30_000, logFile)
    : startProcess(main, env, listening, 60_000, logFile);
}

/**
 * Each system gets a Redis database of its own (6..14, flushed first), so rate-limit counters,
 * sessions and streams of one suite never leak into the next. Databases 0-5 are used by the
 * single-service harnesses, 15 by the worker's shared system.
 */
export async function freshRedisDatabase(db = 6 + (systemsStarted++ % 9)): Promise<string> {
  const url = `${process.env.TEST_REDIS_URL!.replace(/\/\d+$/, '')}/${db}`;
  const redis = new Redis(url);
  await redis.flushdb();
  redis.disconnect();
  return url;
}
let systemsStarted = 0;

export async function startSystem(
  extraEnv: Record<string, string> = {}, options: SystemOptions = {},
): Promise<RunningSystem & { processes: Record<string, Started> }> {
  const redisUrl = extraEnv.REDIS_URL ?? await freshRedisDatabase();
  const outboxDir = mkdtempSync(join(process.env.TEST_TMP_DIR ?? '/tmp', 'system-outbox-'));
  const port = await freePort();
  const databaseUrl = options.databaseUrl ?? process.env.TEST_DATABASE_URL!;
  const env = {
    ...APP_TEST_ENV, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl,
    HEALTH_PORT: '0', OUTBOX_DIR: outboxDir, ADMIN_EMAIL: SYSTEM_ADMIN.email, ADMIN_PASSWORD: SYSTEM_ADMIN.password,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'log', ...NO_EDGE_LIMITS, ...extraEnv,
  };
  const processes: Record<string, Started> = {};
  const envOf = (app: string) => ({ ...env, ...options.envFor?.[app] });
  const start = async (app: string, extra: Record<string, string> = {}) => {
    processes[app] = await startApp(app, { ...envOf(app), ...extra }, options.logDir && join(options.logDir, `${app}.log`));
  };
  const stop = async () => { await Promise.all(Object.values(processes).map((p) => p.stop())); };
  try {
    // Billing first: identity's seed and sign-in read participant names from it. The other three
    // need nothing of each other to start; the gateway's readiness probe asks all four.
    await start('participants-billing');
    await Promise.all(['identity', 'rewards', 'certificates'].map((app) => start(app)));
    await start('gateway');
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    redisUrl,
    databaseUrl,
    outboxDir,
    processes,
    envOf,
    output: (app) => processes[app].output(),
    logs: () => Object.entries(processes).map(([name, p]) => `--- ${name}\n${p.output()}`).join('\n'),
    stop,
    restart: start,
  };
}

/** Stops `app` of a running system and starts it again, with `env` added for this start. */
export async function restartApp(sys: RunningSystem, app: string, env: Record<string, string> = {}): Promise<void> {
  await sys.processes[app].stop();
  await sys.restart(app, env);
}

/**
 * Restarts `app` of a running system with `env` added (a suite's own Stripe, say); the answer
 * restarts it as it was, for the suites that follow on the same system.
 */
export async function restartWith(sys: RunningSystem, app: string, env: Record<string, string>): Promise<() => Promise<void>> {
  await restartApp(sys, app, env);
  return () => restartApp(sys, app);
}

/** The newest mail in the outbox addressed to `to`, as raw MIME. */
export function lastMailTo(outboxDir: string, to: string): string | undefined {
  const files = readdirSync(outboxDir).filter((f) => f.endsWith('.eml')).sort();
  return files.map((f) => readFileSync(join(outboxDir, f), 'utf8')).filter((m) => m.includes(to)).pop();
}

/** JSON fetch against the gateway; returns status, headers and parsed body. */
export async function http(baseUrl: string, method: string, path: string, opts: { body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${baseUrl}${path}`, {
    method, headers, body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let body: any = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  recordExchange(method, path, res, text, body);
  return { status: res.status, headers: res.headers, body };
}

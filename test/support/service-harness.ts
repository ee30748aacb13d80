// The one process harness of the single-service suites: starts the real process of one service
// (built by the e2e global setup) on a database of its own and talks to it over the Redis Streams
// transport exactly as the gateway does. identity-process.ts and the billing harness add only
// what their suites need on top (an outbox and ticket store; the Stripe stand-in's env).
import { randomBytes } from 'node:crypto';
import { firstValueFrom } from 'rxjs';
import pg from 'pg';
import { Redis } from 'ioredis';
import { type ApiKeyCaller, Header, type HttpRequestPayload, isHttpReply, type ServiceName, type SessionInfo, SYSTEM_PARTICIPANT_ID } from '#libs/contracts';
import { RedisStreamsClient, StreamRecord, TransportKeys } from '#libs/transport';
import type { WireError } from '#libs/errors';
import { APP_TEST_ENV, distMain, spawnProcess, untilReady } from './processes.js';

export type Caller = { apiKey: ApiKeyCaller } | { session: SessionInfo } | undefined;

export interface ServiceHarness {
  /** Sends an HTTP-route payload as the gateway would, with the caller in the headers; answers the body. */
  call<T = unknown>(pattern: string, req?: Partial<HttpRequestPayload>, caller?: Caller): Promise<T>;
  /** Same, answering what the handler returned (an HttpReply when it chose the status). */
  raw<T = unknown>(pattern: string, req?: Partial<HttpRequestPayload>, caller?: Caller): Promise<T>;
  /** Same, but expects a failure and returns the WireError. */
  fail(pattern: string, req?: Partial<HttpRequestPayload>, caller?: Caller): Promise<WireError>;
  /** A message pattern called by another service (plain data). */
  send<T = unknown>(pattern: string, data: unknown): Promise<T>;
  sendFail(pattern: string, data: unknown): Promise<WireError>;
  emit(pattern: string, data: unknown): Promise<void>;
  db: pg.Client;
  count(sql: string, params?: unknown[]): Promise<number>;
  logs(): string;
  databaseUrl: string;
  stop(): Promise<void>;
}

export function session(userId: string, currentParticipant: string, roles: string[] = []): SessionInfo {
  return { userId, name: userId, currentParticipant, roles, modules: [], ticketHash: randomBytes(8).toString('hex') };
}

export const systemSession = (): SessionInfo => session('urn:authenticateit:user:email:root@rewards.test', SYSTEM_PARTICIPANT_ID, ['security_admin']);

/**
 * A database of its own per suite: row counts are exact and suites cannot disturb each other.
 * It is a copy of the run's migrated template (test/setup/global-setup.mjs) unless `empty`.
 */
export async function freshDatabase(baseUrl: string, prefix: string, opts: { empty?: boolean } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const template = process.env.TEST_TEMPLATE_DATABASE;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${template && !opts.empty ? ` TEMPLATE ${template}` : ''}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** An HTTP-route payload as the gateway sends it: `req` over an empty JSON request from 127.0.0.1. */
export function httpPayload(req: Partial<HttpRequestPayload> = {}): HttpRequestPayload {
  return { body: {}, params: {}, query: {}, ip: '127.0.0.1', headers: {}, contentType: 'application/json', ...req };
}

export interface ServiceHarnessSpec {
  service: ServiceName;
  /** Env of the process on top of DATABASE_URL, REDIS_URL, HEALTH_PORT=0. */
  env: Record<string, string>;
  /** A call that succeeds (or fails the expected way) once the service listens. */
  ready: (request: (pattern: string, data: unknown) => Promise<unknown>) => Promise<void>;
  /** This database instead of a fresh one (the caller owns it: it is not dropped at stop). */
  databaseUrl?: string;
  /** Keep the copies of events emitted for this service before it started (default: dropped). */
  keepEarlierEvents?: boolean;
}

/**
 * Starts the real process of one service on a database of its own and talks to it over the
 * Redis Streams transport exactly as the gateway does.
 */
export async function startServiceHarness(spec: ServiceHarnessSpec): Promise<ServiceHarness> {
  const database = spec.databaseUrl
    ? { url: spec.databaseUrl, drop: async () => undefined }
    : await freshDatabase(process.env.TEST_DATABASE_URL!, spec.service.replace(/-/g, '_'));
  if (!spec.keepEarlierEvents) await forgetEarlierEvents(process.env.TEST_REDIS_URL!, spec.service);
  const redisUrl = process.env.TEST_REDIS_URL!;
  const proc = spawnProcess(distMain(spec.service), {
    ...APP_TEST_ENV, DATABASE_URL: database.url, REDIS_URL: redisUrl, HEALTH_PORT: '0', LOG_LEVEL: 'warn', ...spec.env,
  });
  const client = new RedisStreamsClient({ url: redisUrl, service: spec.service, caller: 'gateway', timeoutMs: 20_000 });
  const db = new pg.Client({ connectionString: database.url });
  db.on('error', () => undefined); // the server going away at teardown is not a test failure
  await db.connect();

  const request = <T>(pattern: string, data: unknown, headers: Record<string, string>, timeoutMs?: number) =>
    firstValueFrom(client.send<T>(pattern, new StreamRecord(data, { [Header.Caller]: 'gateway', ...headers }, { timeoutMs })));
  const http = <T>(pattern: string, req: Partial<HttpRequestPayload> = {}, caller?: Caller, timeoutMs?: number) => {
    const payload = httpPayload(req);
    const headers: Record<string, string> = {};
    if (caller && 'apiKey' in caller) headers[Header.ApiKey] = JSON.stringify(caller.apiKey);
    if (caller && 'session' in caller) headers[Header.Session] = JSON.stringify(caller.session);
    return request<T>(pattern, payload, headers, timeoutMs);
  };
  const expectFailure = async (work: Promise<unknown>, what: string): Promise<WireError> => {
    try {
      const answer = await work;
      throw new Error(`${what} succeeded unexpectedly: ${JSON.stringify(answer).slice(0, 500)}`);
    } catch (error) {
      if (error instanceof Error) throw error;
      return error as WireError;
    }
  };

  const harness: ServiceHarness = {
    call: async <T>(pattern: string, req?: Partial<HttpRequestPayload>, caller?: Caller) => {
      const answer = await http<unknown>(pattern, req, caller);
      return (isHttpReply(answer) ? answer.body : answer) as T;
    },
    raw: (pattern, req, caller) => http(pattern, req, caller),
    fail: (pattern, req, caller) => expectFailure(http(pattern, req, caller), pattern),
    send: (pattern, data) => request(pattern, data, {}),
    sendFail: (pattern, data) => expectFailure(request(pattern, data, {}), pattern),
    emit: async (pattern, data) => { await firstValueFrom(client.emit(pattern, data), { defaultValue: undefined }); },
    db,
    count: async (sql, params) => Number((await db.query(sql, params)).rows[0].count),
    logs: proc.output,
    databaseUrl: database.url,
    stop: async () => {
      await proc.stop();
      await client.close();
      await db.end();
      await database.drop();
    },
  };

  // Ready when it answers on the transport (it listens only after its migrations).
  const answers = () => spec.ready((pattern, data) => request(pattern, data, {}, 1000)).then(() => true, () => false);
  try {
    await untilReady(proc, spec.service, answers, 60_000);
  } catch (error) {
    await harness.stop();
    throw error;
  }
  return harness;
}

/** Polls until `check` passes (events are asynchronous). */
export async function eventually(check: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try { await check(); return; } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Redis is shared by the suites: drop this service's copies of every event, so the new process
 * starts from new events only, not from what other suites emitted for this service.
 */
async function forgetEarlierEvents(redisUrl: string, service: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    const copies = await redis.keys(new TransportKeys().events(service, '*'));
    if (copies.length > 0) await redis.del(...copies);
  } finally {
    redis.disconnect();
  }
}

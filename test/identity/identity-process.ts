// Starts the real identity process (built by the e2e global setup) and talks to it over the
// Redis Streams transport exactly as the gateway does.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import pg from 'pg';
import { Redis } from 'ioredis';
import { Header, type HttpRequestPayload, type SessionInfo, IdentityPattern } from '#libs/contracts';
import { TicketStore } from '#libs/session';
import { RedisStreamsClient, StreamRecord } from '#libs/transport';
import type { WireError } from '#libs/errors';
import { spawnProcess, untilReady } from '../support/processes.js';

export const ADMIN_EMAIL = 'root@rewards.test';
export const ADMIN_PASSWORD = 'root-password-1';

export interface IdentityHarness {
  outboxDir: string;
  logs: () => string;
  /** Sends an HTTP-route payload as the gateway would; `session` becomes the x-session header. */
  call<T = unknown>(pattern: string, req?: Partial<HttpRequestPayload>, session?: SessionInfo): Promise<T>;
  /** Same, but expects a failure and returns the WireError. */
  fail(pattern: string, req?: Partial<HttpRequestPayload>, session?: SessionInfo): Promise<WireError>;
  tickets: TicketStore;
  db: pg.Client;
  count(sql: string, params?: unknown[]): Promise<number>;
  stop(): Promise<void>;
}

export async function startIdentity(extraEnv: Record<string, string> = {}): Promise<IdentityHarness> {
  const databaseUrl = process.env.TEST_DATABASE_URL!;
  const redisUrl = process.env.TEST_REDIS_URL!;
  const outboxDir = mkdtempSync(join(process.env.TEST_TMP_DIR ?? '/tmp', 'identity-outbox-'));
  const proc = spawnProcess('dist/apps/identity/src/main.js', {
    NODE_OPTIONS: '', DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, OUTBOX_DIR: outboxDir,
    HEALTH_PORT: '0', ADMIN_EMAIL, ADMIN_PASSWORD, PUBLIC_BASE_URL: 'https://api.rewards.test', ...extraEnv,
  });
  const client = new RedisStreamsClient({ url: redisUrl, service: 'identity', caller: 'gateway', timeoutMs: 10_000 });
  const redis = new Redis(redisUrl);
  // Rate-limit windows are per IP and suites all come from 127.0.0.1: start each suite clean.
  const limits = await redis.keys('rl:*');
  if (limits.length > 0) await redis.del(...limits);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();

  const send = <T>(pattern: string, req: Partial<HttpRequestPayload> = {}, session?: SessionInfo, timeoutMs?: number) => {
    const payload: HttpRequestPayload = { body: {}, params: {}, query: {}, ip: '127.0.0.1', headers: {}, contentType: 'application/json', ...req };
    const headers: Record<string, string> = session ? { [Header.Session]: JSON.stringify(session) } : {};
    return firstValueFrom(client.send<T>(pattern, new StreamRecord(payload, headers, { timeoutMs })));
  };

  const harness: IdentityHarness = {
    outboxDir,
    logs: proc.output,
    call: (pattern, req, session) => send(pattern, req, session),
    fail: async (pattern, req, session) => {
      try {
        const answer = await send(pattern, req, session);
        throw new Error(`${pattern} succeeded unexpectedly: ${JSON.stringify(answer)}`);
      } catch (error) {
        if (error instanceof Error) throw error;
        return error as WireError;
      }
    },
    tickets: new TicketStore(redis, { ttlSeconds: 3600, maxAgeSeconds: 86_400 }),
    db,
    count: async (sql, params) => Number((await db.query(sql, params)).rows[0].count),
    stop: async () => {
      await proc.stop();
      await client.close();
      redis.disconnect();
      await db.end();
    },
  };

  // Ready when it answers on the transport (it listens only after migrations and the seed).
  const answers = () => send(IdentityPattern.AccountRegistrationTypes, {}, undefined, 1000).then(() => true, () => false);
  try {
    await untilReady(proc, 'identity', answers, 60_000);
  } catch (error) {
    await harness.stop();
    throw error;
  }
  return harness;
}

/** The activation code from the newest `.eml` in the outbox that was sent to `to`. */
export function activationCodeFromOutbox(dir: string, to: string): string | undefined {
  const mails = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().reverse()
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .filter((eml) => new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(eml));
  return mails.length > 0 ? activationCodeFromMime(mails[0]) : undefined;
}

/** Undoes quoted-printable soft breaks and escapes, then finds the activation link. */
export function activationCodeFromMime(mime: string): string | undefined {
  const decoded = mime.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return /\/identity-service\/account\/activate\/([A-Za-z0-9_-]+)/.exec(decoded)?.[1];
}

export function outboxFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.eml'));
}

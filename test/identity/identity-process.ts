// The real identity process (the one service harness) on the worker's database, called as the
// gateway would; with the mail outbox it writes and the ticket store the gateway reads.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { Redis } from 'ioredis';
import { type HttpRequestPayload, type SessionInfo, IdentityPattern } from '#libs/contracts';
import { TicketStore } from '#libs/session';
import type { WireError } from '#libs/errors';
import { httpPayload, startServiceHarness } from '../support/service-harness.js';

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
  const redisUrl = process.env.TEST_REDIS_URL!;
  const outboxDir = mkdtempSync(join(process.env.TEST_TMP_DIR ?? '/tmp', 'identity-outbox-'));
  const redis = new Redis(redisUrl);
  // Rate-limit windows are per IP and suites all come from 127.0.0.1: start each suite clean.
  const limits = await redis.keys('rl:*');
  if (limits.length > 0) await redis.del(...limits);
  const harness = await startServiceHarness({
    service: 'identity',
    databaseUrl: process.env.TEST_DATABASE_URL!,
    keepEarlierEvents: true,
    env: { OUTBOX_DIR: outboxDir, ADMIN_EMAIL, ADMIN_PASSWORD, PUBLIC_BASE_URL: 'https://api.rewards.test', LOG_LEVEL: 'log', ...extraEnv },
    // It listens only after its migrations and the seed.
    ready: async (request) => { await request(IdentityPattern.AccountRegistrationTypes, httpPayload()); },
  }).catch((error) => { redis.disconnect(); throw error; });
  const as = (session?: SessionInfo) => (session ? { session } : undefined);
  return {
    outboxDir,
    logs: harness.logs,
    call: (pattern, req, session) => harness.raw(pattern, req, as(session)),
    fail: (pattern, req, session) => harness.fail(pattern, req, as(session)),
    tickets: new TicketStore(redis, { ttlSeconds: 3600, maxAgeSeconds: 86_400 }),
    db: harness.db,
    count: harness.count,
    stop: async () => {
      await harness.stop();
      redis.disconnect();
    },
  };
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

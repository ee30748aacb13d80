// The whole system as real processes with several replicas per service, for the proof suites
// (rolling restarts, kill -9, Redis/Postgres restarts). Each replica has its own REPLICA_ID,
// which is its consumer name on the transport, so a test can look at what one replica holds.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { firstValueFrom } from 'rxjs';
import { decodeEntry, RedisStreamsClient, StreamRecord, TransportKeys } from '#libs/transport';
import { activationCodeFromMime } from '../identity/identity-process.js';
import { answers200, distMain, freePort, startProcess, type Started } from './processes.js';
import { sleep } from './proof-load.js';
import { http, lastMailTo, NO_EDGE_LIMITS, SYSTEM_ADMIN } from './system.js';

export const PROOF_SERVICES = ['participants-billing', 'identity', 'rewards', 'certificates'] as const;
export type ProofService = (typeof PROOF_SERVICES)[number];

export interface Replica { id: string; app: ProofService; proc: Started }

export interface ProofSystem {
  baseUrl: string;
  outboxDir: string;
  env: Record<string, string>;
  replicas: Record<ProofService, Replica[]>;
  gateway: Started;
  /** Starts one more replica of `app` (same env) and waits until it listens. */
  addReplica(app: ProofService): Promise<Replica>;
  logs(): string;
  stop(): Promise<void>;
}

const listening = (out: string) => out.includes('listening on the transport');

export async function startProofSystem(opts: { replicas?: number; env?: Record<string, string> } = {}): Promise<ProofSystem> {
  const outboxDir = mkdtempSync(join(process.env.TEST_TMP_DIR ?? '/tmp', 'proof-outbox-'));
  const port = await freePort();
  const env: Record<string, string> = {
    NODE_OPTIONS: '', DATABASE_URL: process.env.TEST_DATABASE_URL!, REDIS_URL: process.env.TEST_REDIS_URL!,
    HEALTH_PORT: '0', OUTBOX_DIR: outboxDir, ADMIN_EMAIL: SYSTEM_ADMIN.email, ADMIN_PASSWORD: SYSTEM_ADMIN.password,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'log',
    ACCOUNT_CHECKS_PER_IP_PER_MINUTE: '100000', SIGNIN_MAX_FAILURES_PER_IP: '100000', ...NO_EDGE_LIMITS, ...opts.env,
  };
  const replicas = Object.fromEntries(PROOF_SERVICES.map((s) => [s, [] as Replica[]])) as Record<ProofService, Replica[]>;
  const all: Started[] = [];
  let counter = 0;
  const addReplica = async (app: ProofService): Promise<Replica> => {
    const id = `${app}-${++counter}-${process.pid}`;
    const proc = await startProcess(distMain(app), { ...env, REPLICA_ID: id }, listening, 90_000);
    all.push(proc);
    const replica = { id, app, proc };
    replicas[app].push(replica);
    return replica;
  };
  let gateway: Started | undefined;
  const stop = async () => { await Promise.all([...all, ...(gateway ? [gateway] : [])].map((p) => p.stop())); };
  try {
    // Billing first (identity's seed reads participant names from it), then one of each, then the rest.
    await addReplica('participants-billing');
    await Promise.all(PROOF_SERVICES.filter((s) => s !== 'participants-billing').map((s) => addReplica(s)));
    for (let i = 1; i < (opts.replicas ?? 1); i++) await Promise.all(PROOF_SERVICES.map((s) => addReplica(s)));
    gateway = await startProcess(distMain('gateway'), env, () => answers200(`http://127.0.0.1:${port}/health/ready`), 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`, outboxDir, env, replicas, gateway, addReplica, stop,
    logs: () => [...PROOF_SERVICES.flatMap((s) => replicas[s].map((r) => `--- ${r.id}\n${r.proc.output()}`)), `--- gateway\n${gateway?.output()}`].join('\n'),
  };
}

export const withTicket = (ticket: string) => ({ authenticateit_identity_ticket: ticket });

/** Creates an email account, activates it through the outbox mail, signs in; returns the ticket. */
export async function signedInUser(baseUrl: string, outboxDir: string, email: string, password = 'proof-password-1'): Promise<string> {
  const created = await http(baseUrl, 'POST', '/identity-service/account', { body: { email, password, first_name: 'Proof' } });
  if (created.status !== 200) throw new Error(`account ${email}: ${created.status} ${JSON.stringify(created.body)}`);
  const code = activationCodeFromMime(lastMailTo(outboxDir, email) ?? '');
  const activated = await http(baseUrl, 'GET', `/identity-service/account/activate/${code}`);
  if (activated.status !== 200) throw new Error(`activation ${email}: ${activated.status}`);
  return signIn(baseUrl, email, password);
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await http(baseUrl, 'POST', '/identity-service/session', { body: { email, password } });
  if (res.status !== 200 || !res.body.ticket) throw new Error(`sign-in ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.ticket as string;
}

export const adminTicket = (baseUrl: string) => signIn(baseUrl, SYSTEM_ADMIN.email, SYSTEM_ADMIN.password);

/** A transport client as another internal service would hold one. */
export function serviceCaller(redisUrl: string, service: ProofService, timeoutMs = 10_000) {
  const client = new RedisStreamsClient({ url: redisUrl, service, caller: 'proof-test', timeoutMs });
  return {
    client,
    call: <T = any>(pattern: string, data: unknown, headers: Record<string, string> = {}) =>
      firstValueFrom(client.send<T>(pattern, new StreamRecord(data, headers))),
    close: () => client.close(),
  };
}

/** kill -9, and resolves once the process is gone. */
export async function killHard(replica: Replica): Promise<void> {
  const { child } = replica.proc;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

/** SIGTERM; resolves once the process has exited by itself: how (code or re-raised signal) and how long it took. */
export async function terminate(replica: Pick<Replica, 'proc'>, timeoutMs = 20_000): Promise<{ exited: boolean; code: number | null; signal: string | null; ms: number }> {
  const { child } = replica.proc;
  const start = Date.now();
  if (child.exitCode !== null || child.signalCode !== null) return { exited: true, code: child.exitCode, signal: child.signalCode, ms: 0 };
  const exited = new Promise<boolean>((resolve) => child.once('exit', () => resolve(true)));
  child.kill('SIGTERM');
  const done = await Promise.race([exited, new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs))]);
  return { exited: done, code: child.exitCode, signal: child.signalCode, ms: Date.now() - start };
}

/** Request ids (x-request-id, else the stream entry id) of the requests `replica` has read and not yet acknowledged. */
export async function heldBy(redis: Redis, replica: Replica): Promise<string[]> {
  const requests = new TransportKeys().requests(replica.app);
  const pending = (await redis.xpending(requests, replica.app, '-', '+', 1000, replica.id)) as [string, string, number, number][];
  const ids: string[] = [];
  for (const [entryId] of pending) {
    const [entry] = await redis.xrange(requests, entryId, entryId);
    if (entry) ids.push(...decodeEntry(entry[1]).messages.map((m) => m.headers['x-request-id'] ?? entryId));
  }
  return ids;
}

/** Polls until `replica` holds requests, for up to `ms`; what it held then ([] if it never did). */
export async function whenHolding(redis: Redis, replica: Replica, ms = 2_000): Promise<string[]> {
  const until = Date.now() + ms;
  for (;;) {
    const held = await heldBy(redis, replica);
    if (held.length > 0 || Date.now() > until) return held;
    await sleep(5);
  }
}

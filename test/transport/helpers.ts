// Shared helpers of the transport e2e suites: start/stop fixture replicas as real processes.
import { ChildProcess, spawn } from 'node:child_process';
import { firstValueFrom, Observable } from 'rxjs';
import { fixtureMain } from '../support/processes.js';

export const FIXTURE = fixtureMain('transport-service');

export interface Replica { id: string; proc: ChildProcess; output: string[] }

const started = new Set<Replica>();

/** Starts one fixture replica and resolves once it listens (prints READY). */
export function startReplica(env: Record<string, string>): Promise<Replica> {
  const proc = spawn(process.execPath, [FIXTURE], {
    env: { ...process.env, REDIS_URL: process.env.TEST_REDIS_URL, DATABASE_URL: process.env.TEST_DATABASE_URL, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const replica: Replica = { id: env.REPLICA_ID, proc, output: [] };
  started.add(replica);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replica ${env.REPLICA_ID} not ready:\n${replica.output.join('')}`)), 20_000);
    const onData = (d: Buffer) => {
      replica.output.push(String(d));
      if (String(d).includes('READY')) { clearTimeout(timer); resolve(replica); }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (d: Buffer) => replica.output.push(String(d)));
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`replica ${env.REPLICA_ID} exited ${code}:\n${replica.output.join('')}`)); });
  });
}

/** Stops a replica (SIGTERM = graceful, SIGKILL = crash) and waits for its exit. */
export function stopReplica(replica: Replica, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  started.delete(replica);
  if (replica.proc.exitCode !== null || replica.proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => replica.proc.kill('SIGKILL'), 10_000);
    replica.proc.once('exit', () => { clearTimeout(force); resolve(); });
    replica.proc.kill(signal);
  });
}

/** Kills every replica still running (afterAll). */
export async function stopAllReplicas(): Promise<void> {
  await Promise.all([...started].map((r) => stopReplica(r, 'SIGKILL')));
}

/** Resolves the first value or the error object (WireError) of an observable. */
export async function settle<T>(obs: Observable<T>): Promise<{ ok: true; value: T } | { ok: false; error: any }> {
  try {
    return { ok: true, value: await firstValueFrom(obs) };
  } catch (error) {
    return { ok: false, error };
  }
}

export async function waitFor<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await probe();
  }
  return last;
}

export const unique = (name: string) => `${name}-${process.pid}-${Date.now().toString(36)}`;

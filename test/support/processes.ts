import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import net from 'node:net';

/** What runs of an app or a test fixture: its main.js bundled into one file (scripts/bundle.mjs). */
export { distMain, fixtureMain } from '../../scripts/lib/apps.mjs';

/**
 * What every app a suite starts gets before its own env: the suite's NODE_OPTIONS left out, and
 * password hashes at the cheapest argon2id identity accepts (m=7 MiB, t=1: 3 ms instead of 22),
 * as Django's testing docs advise (a faster password hasher). signin-admission.e2e.ts and the proof
 * systems keep the production parameters; identity-env.spec.ts pins them as the default.
 */
export const APP_TEST_ENV: Readonly<Record<string, string>> = { NODE_OPTIONS: '', PASSWORD_HASH_MEMORY_KIB: '7168', PASSWORD_HASH_TIME_COST: '1' };

export interface Started { child: ChildProcess; output: () => string; stop: () => Promise<void> }

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The one way the suites start a process: `node <script>` with extra env, everything it writes
 * kept, and a stop that sends SIGTERM and, 5 s later, SIGKILL. With `logFile` the output is
 * appended to that file (`output()` is this run's part) and the process does not hold the caller's
 * event loop: it may outlive the suite that started it (the worker's shared system).
 */
export function spawnProcess(script: string, env: Record<string, string>, opts: { logFile?: string } = {}): Started {
  const fd = opts.logFile ? openSync(opts.logFile, 'a') : undefined;
  const from = fd === undefined ? 0 : fstatSync(fd).size; // an earlier run of the app may have written there
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: fd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', fd, fd] });
  let out = '';
  if (fd === undefined) {
    child.stdout!.on('data', (d) => { out += String(d); });
    child.stderr!.on('data', (d) => { out += String(d); });
  } else {
    closeSync(fd);
    child.unref();
  }
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => { clearTimeout(kill); resolve(); });
    child.kill('SIGTERM');
  });
  return { child, output: () => (opts.logFile ? readFrom(opts.logFile, from) : out), stop };
}

/** What `file` holds from byte `from` on, without reading what comes before (a shared app's log grows large). */
function readFrom(file: string, from: number): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.max(fstatSync(fd).size - from, 0));
    readSync(fd, buffer, 0, buffer.length, from);
    return buffer.toString();
  } finally {
    closeSync(fd);
  }
}

/** Polls `ready` until it holds; fails when the process exits first or the time is up (stopping it). */
export async function untilReady(started: Started, what: string, ready: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (started.child.exitCode !== null) throw new Error(`${what} exited with ${started.child.exitCode}:\n${started.output()}`);
    if (Date.now() > deadline) {
      await started.stop();
      throw new Error(`${what} not ready after ${timeoutMs} ms:\n${started.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts `node <script>` with extra env; resolves once `ready(output)` holds. */
export async function startProcess(
  script: string, env: Record<string, string>, ready: (output: string) => boolean | Promise<boolean>, timeoutMs = 30_000, logFile?: string,
): Promise<Started> {
  const started = spawnProcess(script, env, { logFile });
  await untilReady(started, script, () => ready(started.output()), timeoutMs);
  return started;
}

/** True once GET url answers 200. */
export async function answers200(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false;
  }
}

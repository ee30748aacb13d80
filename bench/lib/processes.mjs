// Starts throwaway infrastructure and real app processes for a benchmark run.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startPostgres, startRedis, waitForPort } from '../../scripts/lib/infra.mjs';

export async function startInfra() {
  const root = mkdtempSync(join(tmpdir(), 'rewards-bench-'));
  const pg = process.env.DATABASE_URL ? null : await startPostgres({ dataDir: join(root, 'pg'), port: await freePort() });
  const redis = process.env.REDIS_URL ? null : await startRedis({ port: await freePort(), dir: join(root, 'redis') });
  return {
    root,
    databaseUrl: process.env.DATABASE_URL ?? pg.url,
    redisUrl: process.env.REDIS_URL ?? redis.url,
    stop: async () => { await redis?.stop(); await pg?.stop(); },
  };
}

/** The load generator is one client on 127.0.0.1: the gateway's per-IP limits are off (0/<seconds>) unless a bench sets them. */
export const NO_EDGE_LIMITS = Object.fromEntries(
  ['SIGN_IN', 'CODE_SENDING', 'ACCOUNT_CREATION', 'EXTERNAL_API', 'READS', 'WRITES'].map((c) => [`RATE_LIMIT_${c}`, '0/60']));

/** Spawns `node <main>` with env; resolves once `readyLine` appears on stdout or a port listens. */
export async function startProcess(name, main, env, { port, readyLine } = {}) {
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build`);
  // BENCH_PROFILE_DIR=<dir>: every process writes a V8 CPU profile there when it exits.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...profile, main], { env: { ...process.env, ...NO_EDGE_LIMITS, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const onData = (d) => { output = (output + d).slice(-4000); };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`${name} exited (${code}):\n${output}`))));
  const ready = port
    ? waitForPort(port, 60_000)
    : new Promise((resolve) => child.stdout.on('data', (d) => String(d).includes(readyLine) && resolve()));
  await Promise.race([ready, exited]);
  exited.catch(() => {});
  return { name, child, stop: () => stopChild(child) };
}

export function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

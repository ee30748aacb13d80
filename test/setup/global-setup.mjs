// Starts a throwaway PostgreSQL (embedded) and, per jest worker, a Redis and a database of its own
// (unless TEST_DATABASE_URL / TEST_REDIS_URL are given), and builds the apps once so suites can
// start the real processes. Workers never share a Redis or a database, so suites run in parallel.
// The migrations run once per run, into a template database: every database a suite asks for is
// a copy of it (CREATE DATABASE … TEMPLATE), so a process finds its schema migrated at start
// (only the migrations suite asks for an empty one).
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { APPS, distMigrate } from '../../scripts/lib/apps.mjs';
import { freePort, scratchDir, startPostgres, startRedis } from '../../scripts/lib/infra.mjs';

const TEMPLATE = 'rewards_template';

export default async function globalSetup(globalConfig) {
  const workers = Math.max(1, globalConfig?.maxWorkers ?? 1);
  const root = scratchDir('rewards-test');
  chmodSync(root, 0o755); // embedded Postgres runs as its own user when we are root
  const stops = [];
  if (process.env.SKIP_BUILD !== '1') {
    const build = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('build failed');
  }
  if (!process.env.TEST_DATABASE_URL) {
    const server = await startPostgres({ dataDir: join(root, 'pg'), port: await freePort(), database: 'rewards_test' });
    stops.push(server.stop);
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${TEMPLATE}`);
    await migrateTemplate(server.url.replace(/\/rewards_test$/, `/${TEMPLATE}`));
    process.env.TEST_TEMPLATE_DATABASE = TEMPLATE;
    for (let w = 1; w <= workers; w++) {
      await admin.query(`CREATE DATABASE rewards_test_${w} TEMPLATE ${TEMPLATE}`);
      process.env[`TEST_DATABASE_URL_${w}`] = server.url.replace(/\/rewards_test$/, `/rewards_test_${w}`);
    }
    await admin.end();
  }
  if (!process.env.TEST_REDIS_URL) {
    for (let w = 1; w <= workers; w++) {
      const redis = await startRedis({ port: await freePort(), dir: join(root, `redis-${w}`) });
      process.env[`TEST_REDIS_URL_${w}`] = redis.url;
      stops.push(redis.stop);
    }
  }
  process.env.TEST_TMP_DIR = root;
  // Node's on-disk compile cache for every process the suites start (~125 of them, 15 entries):
  // a start after the first of its entry skips compiling its bundle (bench: 0.8-0.98 of the CPU).
  process.env.NODE_COMPILE_CACHE = join(root, 'compile-cache');
  globalThis.__INFRA_STOPS__ = stops;
}

/** Every service's migrate.js into the template, side by side (each owns its schema). */
async function migrateTemplate(url) {
  const env = { ...process.env, DATABASE_URL: url, QR_SIGNING_SECRET: 'template-qr-signing-secret-0123456789', PUBLIC_BASE_URL: 'https://api.rewards.test' };
  await Promise.all(APPS.filter((a) => a !== 'gateway').map((app) =>
    promisify(execFile)(process.execPath, [distMigrate(app)], { env }).catch((failure) => {
      throw new Error(`${app} migrations into the test template failed:\n${failure.stdout}${failure.stderr}`);
    })));
}

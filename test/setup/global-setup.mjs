// Starts a throwaway PostgreSQL (embedded) and Redis for the e2e tier unless DATABASE_URL /
// REDIS_URL are given, and builds the apps once so suites can start the real processes.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startPostgres, startRedis } from '../../scripts/lib/infra.mjs';

export default async function globalSetup() {
  const root = mkdtempSync(join(tmpdir(), 'rewards-test-'));
  chmodSync(root, 0o755); // embedded Postgres runs as its own user when we are root
  const stops = [];
  if (!process.env.TEST_DATABASE_URL) {
    const pg = await startPostgres({ dataDir: join(root, 'pg'), port: await freePort(), database: 'rewards_test' });
    process.env.TEST_DATABASE_URL = pg.url;
    stops.push(pg.stop);
  }
  if (!process.env.TEST_REDIS_URL) {
    const redis = await startRedis({ port: await freePort(), dir: join(root, 'redis') });
    process.env.TEST_REDIS_URL = redis.url;
    stops.push(redis.stop);
  }
  if (process.env.SKIP_BUILD !== '1') {
    const build = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('build failed');
  }
  process.env.TEST_TMP_DIR = root;
  globalThis.__INFRA_STOPS__ = stops;
}

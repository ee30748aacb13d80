// `npm run migrate`: runs each service's database migrations (dist/apps/<app>/src/migrate.js),
// one app after the other. Uses DATABASE_URL, or the embedded PostgreSQL of `npm start`
// (data under START_DATA_DIR, default .data/) when it is unset.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { APPS, ROOT, distMigrate } from './lib/apps.mjs';
import { buildIfStale } from './lib/build.mjs';
import { freePort, startPostgres } from './lib/infra.mjs';

const log = (msg) => console.log(`migrate | ${msg}`);
const envFile = join(ROOT, '.env');
if (existsSync(envFile)) process.loadEnvFile?.(envFile);

if (process.env.START_SKIP_BUILD !== '1' && !buildIfStale(log)) process.exit(1);

const apps = APPS.filter((app) => existsSync(distMigrate(app)));
for (const app of APPS.filter((a) => !apps.includes(a))) log(`${app}: no dist/apps/${app}/src/migrate.js, skipped`);
if (apps.length === 0) process.exit(0);

let stopPostgres = async () => {};
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  const dataDir = join(resolve(ROOT, process.env.START_DATA_DIR || '.data'), 'postgres');
  log(`DATABASE_URL is not set: using the embedded PostgreSQL in ${dataDir}`);
  const pg = await startPostgres({ dataDir, port: await freePort() });
  databaseUrl = pg.url;
  stopPostgres = pg.stop;
}

let failed = null;
for (const app of apps) {
  log(`${app}: running migrations`);
  const run = spawnSync(process.execPath, [distMigrate(app)], {
    cwd: ROOT, stdio: 'inherit', env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  if (run.status !== 0) { failed = app; break; }
  log(`${app}: done`);
}
await stopPostgres();
if (failed) {
  log(`${failed}: migrations failed (exit code above); later apps were not migrated`);
  process.exit(1);
}

// The processes that make up the system, and where their build output lives.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Start order; the gateway last so services are already listening when it comes up. */
export const APPS = ['identity', 'rewards', 'participants-billing', 'certificates', 'gateway'];

/** Fixed health ports used by docker-compose and Kubernetes (npm start picks free ones). */
export const HEALTH_PORTS = {
  gateway: 9100,
  identity: 9101,
  rewards: 9102,
  'participants-billing': 9103,
  certificates: 9104,
};

export const GATEWAY_PORT = 3000;

/** tsc's output of an app's entry, and the one-file bundle of it that runs (scripts/bundle.mjs). */
export const distEntry = (app) => join(ROOT, 'dist/apps', app, 'src/main.js');
export const bundleOf = (entry) => entry.replace(/\.js$/, '.bundle.mjs');
export const distMain = (app) => bundleOf(distEntry(app));

const FIXTURES = join(ROOT, 'dist/test/fixtures');
/** What runs of a test fixture: the bundle of its main.js, or of one of its *-main.js (one per stand-in). */
export const fixtureMain = (name, entry = 'main') => bundleOf(join(FIXTURES, name, `${entry}.js`));

/** Every process entry tsc wrote: each app's main.js and each fixture's (the Docker build has no fixtures). */
export function processEntries() {
  const fixtures = existsSync(FIXTURES)
    ? readdirSync(FIXTURES, { recursive: true }).filter((file) => /(^|[/-])main\.js$/.test(file)).map((file) => join(FIXTURES, file))
    : [];
  return [...APPS.map(distEntry), ...fixtures];
}
export const distMigrate = (app) => join(ROOT, 'dist/apps', app, 'src/migrate.js');

/** Apps whose build output exists, and the ones that are missing. */
export function builtApps() {
  const present = APPS.filter((app) => existsSync(distMain(app)));
  return { present, missing: APPS.filter((app) => !present.includes(app)) };
}

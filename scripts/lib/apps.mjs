// The processes that make up the system, and where their build output lives.
import { existsSync } from 'node:fs';
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
export const distMigrate = (app) => join(ROOT, 'dist/apps', app, 'src/migrate.js');

/** Apps whose build output exists, and the ones that are missing. */
export function builtApps() {
  const present = APPS.filter((app) => existsSync(distMain(app)));
  return { present, missing: APPS.filter((app) => !present.includes(app)) };
}

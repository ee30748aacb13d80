// Every service's migrate.js (the Kubernetes Job, `npm run migrate`) applies its migrations once,
// side by side with the others on one database, and says what it applied in one JSON line.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { APPS, distMigrate } from '../../scripts/lib/apps.mjs';
import { freshDatabase } from '../support/service-harness.js';

const SERVICES = APPS.filter((app) => app !== 'gateway');
let db: Awaited<ReturnType<typeof freshDatabase>>;

beforeAll(async () => { db = await freshDatabase(process.env.TEST_DATABASE_URL!, 'migrate', { empty: true }); });
afterAll(async () => { await db?.drop(); });

async function migrate(app: string): Promise<unknown> {
  const env = { ...process.env, NODE_OPTIONS: '', DATABASE_URL: db.url, QR_SIGNING_SECRET: 'migrate-jobs-qr-secret-0123456789', PUBLIC_BASE_URL: 'https://api.rewards.test' };
  const { stdout } = await promisify(execFile)(process.execPath, [distMigrate(app)], { env });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

it('applies each service’s migrations once and reports them as { service, migrationsApplied }', async () => {
  const first = await Promise.all(SERVICES.map(migrate)) as { service: string; migrationsApplied: string[] }[];
  expect(first.map((r) => r.service)).toEqual(SERVICES);
  for (const report of first) expect(report.migrationsApplied.length).toBeGreaterThan(0);
  expect(await Promise.all(SERVICES.map(migrate))).toEqual(SERVICES.map((service) => ({ service, migrationsApplied: [] })));
});

import { jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { type BillingService, type StripeStandin, createDatabase, startBilling, startStripeStandin } from './support/harness.js';
import { BillingPattern } from '#libs/contracts';
import { distMain } from '../support/processes.js';

// Starts real processes: more than jest's default 5 s per hook/test.
jest.setTimeout(90_000);

type Db = Awaited<ReturnType<typeof createDatabase>>;
let db: Db;
let stripe: StripeStandin;
let billing: BillingService | undefined;

beforeAll(async () => {
  db = await createDatabase({ empty: true });
  stripe = await startStripeStandin();
});

afterAll(async () => {
  await billing?.stop();
  await stripe?.stop();
  await db?.close();
});

const migrate = () => spawnSync(process.execPath, ['dist/apps/participants-billing/src/migrate.js'], {
  env: { ...process.env, DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL }, encoding: 'utf8',
});

it('migrate.js applies the migrations once and exits; the service then starts with RUN_MIGRATIONS=false', async () => {
  const first = migrate();
  expect(first.status).toBe(0);
  expect(JSON.parse(first.stdout.trim().split('\n').pop()!)).toEqual({ service: 'participants-billing', migrationsApplied: ['InitialBillingSchema1732370000000', 'StripePayments1732380000000', 'AuditTrail1767800000000'] });
  const second = migrate();
  expect(second.status).toBe(0);
  expect(JSON.parse(second.stdout.trim().split('\n').pop()!).migrationsApplied).toEqual([]);
  const tables = await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'participants_billing' ORDER BY 1`);
  expect(tables.rows.map((r) => r.table_name)).toEqual([
    'audit_events', 'company_prefixes', 'deletion_requests', 'deposit_accounts', 'deposit_fees', 'deposit_ledger', 'deposit_operations',
    'deposit_topup_payments', 'deposit_topups', 'invoices', 'participants', 'participants_billing_migrations', 'payment_customers',
    'registration_requests', 'stripe_events',
  ]);
  billing = await startBilling(db.url, stripe.base, { RUN_MIGRATIONS: 'false' });
  expect(await billing.call(BillingPattern.ParticipantsSummaries, { ids: ['urn:authenticateit:participant:1'] })).toHaveLength(1);
});

it('refuses to start with an invalid STRIPE_API_BASE, naming the variable', () => {
  const run = spawnSync(process.execPath, [distMain('participants-billing')], {
    env: { ...process.env, DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL, STRIPE_API_BASE: 'not a url' }, encoding: 'utf8', timeout: 20_000,
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('STRIPE_API_BASE');
});

import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfigOrExit } from '#libs/config';
import { runMigrations } from '#libs/database';
import { BillingEnv } from './config/billing-env.js';
import { BILLING_SCHEMA, billingDataSourceOptions } from './data-source.js';

/** Runs the pending migrations of participants-billing, then exits (a Kubernetes Job / init step). */
const env = loadConfigOrExit(BillingEnv);
const dataSource = new DataSource(billingDataSourceOptions(env.DATABASE_URL));
await dataSource.initialize();
try {
  const applied = await runMigrations(dataSource, BILLING_SCHEMA);
  process.stdout.write(`${JSON.stringify({ service: 'participants-billing', migrationsApplied: applied })}\n`);
} finally {
  await dataSource.destroy();
}

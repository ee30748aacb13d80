// Runs the participants-billing migrations and exits (for a Kubernetes Job / `npm run migrate`).
import 'reflect-metadata';
import { loadConfigOrExit } from '#libs/config';
import { migrateAndReport } from '#libs/database';
import { BillingEnv } from './config/billing-env.js';
import { BILLING_SCHEMA, billingDataSourceOptions } from './database/billing-schema.js';

const env = loadConfigOrExit(BillingEnv);
await migrateAndReport('participants-billing', BILLING_SCHEMA, billingDataSourceOptions(env.DATABASE_URL));

import { ServiceDatabaseModule } from '#libs/database';
import { BillingEnv } from '../config/billing-env.js';
import { BILLING_SCHEMA, billingDataSourceOptions } from './billing-schema.js';

/** The DataSource (global), with the shared migrations run at start unless RUN_MIGRATIONS=false. */
export const BillingDatabaseModule = ServiceDatabaseModule.forService({
  env: BillingEnv,
  schema: BILLING_SCHEMA,
  options: (env) => billingDataSourceOptions(env.DATABASE_URL),
});

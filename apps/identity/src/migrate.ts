// Runs the identity migrations and exits (for a Kubernetes Job / `npm run migrate`).
import 'reflect-metadata';
import { loadConfigOrExit } from '#libs/config';
import { migrateAndReport, serviceDataSourceOptions } from '#libs/database';
import { IdentityEnv } from './config/identity-env.js';
import { IDENTITY_ENTITIES, IDENTITY_MIGRATIONS, IDENTITY_SCHEMA } from './database/identity-schema.js';

const env = loadConfigOrExit(IdentityEnv);
await migrateAndReport('identity', IDENTITY_SCHEMA, serviceDataSourceOptions({
  schema: IDENTITY_SCHEMA, url: env.DATABASE_URL, entities: IDENTITY_ENTITIES, migrations: IDENTITY_MIGRATIONS,
}));

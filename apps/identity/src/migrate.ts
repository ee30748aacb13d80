// Runs the identity migrations and exits (for a Kubernetes Job / `npm run migrate`).
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfigOrExit } from '#libs/config';
import { runMigrations, serviceDataSourceOptions } from '#libs/database';
import { IdentityEnv } from './config/identity-env.js';
import { IDENTITY_ENTITIES, IDENTITY_MIGRATIONS, IDENTITY_SCHEMA } from './database/identity-schema.js';

const env = loadConfigOrExit(IdentityEnv);
const dataSource = await new DataSource(serviceDataSourceOptions({
  schema: IDENTITY_SCHEMA, url: env.DATABASE_URL, entities: IDENTITY_ENTITIES, migrations: IDENTITY_MIGRATIONS,
})).initialize();
try {
  const applied = await runMigrations(dataSource, IDENTITY_SCHEMA);
  process.stdout.write(`identity: ${applied.length ? `applied ${applied.join(', ')}` : 'no pending migrations'}\n`);
} finally {
  await dataSource.destroy();
}

// Runs the certificates migrations and exits (for a Kubernetes Job / `npm run migrate`).
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfigOrExit } from '#libs/config';
import { runMigrations, serviceDataSourceOptions } from '#libs/database';
import { CertificatesEnv } from './config/certificates-env.js';
import { CERTIFICATES_ENTITIES, CERTIFICATES_MIGRATIONS, CERTIFICATES_SCHEMA } from './database/certificates-schema.js';

const env = loadConfigOrExit(CertificatesEnv);
const dataSource = await new DataSource(serviceDataSourceOptions({
  schema: CERTIFICATES_SCHEMA, url: env.DATABASE_URL, entities: CERTIFICATES_ENTITIES, migrations: CERTIFICATES_MIGRATIONS,
})).initialize();
try {
  const applied = await runMigrations(dataSource, CERTIFICATES_SCHEMA);
  process.stdout.write(`certificates: ${applied.length ? `applied ${applied.join(', ')}` : 'no pending migrations'}\n`);
} finally {
  await dataSource.destroy();
}

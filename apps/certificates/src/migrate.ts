// Runs the certificates migrations and exits (for a Kubernetes Job / `npm run migrate`).
import 'reflect-metadata';
import { loadConfigOrExit } from '#libs/config';
import { migrateAndReport, serviceDataSourceOptions } from '#libs/database';
import { CertificatesEnv } from './config/certificates-env.js';
import { CERTIFICATES_ENTITIES, CERTIFICATES_MIGRATIONS, CERTIFICATES_SCHEMA } from './database/certificates-schema.js';

const env = loadConfigOrExit(CertificatesEnv);
await migrateAndReport('certificates', CERTIFICATES_SCHEMA, serviceDataSourceOptions({
  schema: CERTIFICATES_SCHEMA, url: env.DATABASE_URL, entities: CERTIFICATES_ENTITIES, migrations: CERTIFICATES_MIGRATIONS,
}));

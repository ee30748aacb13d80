import { ServiceDatabaseModule, serviceDataSourceOptions } from '#libs/database';
import { CertificatesEnv } from '../config/certificates-env.js';
import { CERTIFICATES_ENTITIES, CERTIFICATES_MIGRATIONS, CERTIFICATES_SCHEMA } from './certificates-schema.js';

export const DatabaseModule = ServiceDatabaseModule.forService({
  env: CertificatesEnv,
  schema: CERTIFICATES_SCHEMA,
  options: (env) => serviceDataSourceOptions({
    schema: CERTIFICATES_SCHEMA, url: env.DATABASE_URL, entities: CERTIFICATES_ENTITIES, migrations: CERTIFICATES_MIGRATIONS,
  }),
});

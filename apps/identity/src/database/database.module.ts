import { ServiceDatabaseModule, serviceDataSourceOptions } from '#libs/database';
import { IdentityEnv } from '../config/identity-env.js';
import { IDENTITY_ENTITIES, IDENTITY_MIGRATIONS, IDENTITY_SCHEMA } from './identity-schema.js';

export const DatabaseModule = ServiceDatabaseModule.forService({
  env: IdentityEnv,
  schema: IDENTITY_SCHEMA,
  options: (env) => serviceDataSourceOptions({
    schema: IDENTITY_SCHEMA, url: env.DATABASE_URL, entities: IDENTITY_ENTITIES, migrations: IDENTITY_MIGRATIONS,
  }),
});

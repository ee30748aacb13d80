// For the typeorm CLI: `npx typeorm migration:run -d dist/apps/certificates/src/data-source.js`.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from '#libs/database';
import { CERTIFICATES_ENTITIES, CERTIFICATES_MIGRATIONS, CERTIFICATES_SCHEMA } from './database/certificates-schema.js';

export default new DataSource(serviceDataSourceOptions({
  schema: CERTIFICATES_SCHEMA,
  url: process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/rewards',
  entities: CERTIFICATES_ENTITIES,
  migrations: CERTIFICATES_MIGRATIONS,
}));

// For the typeorm CLI: `npx typeorm migration:run -d dist/apps/identity/src/data-source.js`.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from '#libs/database';
import { IDENTITY_ENTITIES, IDENTITY_MIGRATIONS, IDENTITY_SCHEMA } from './database/identity-schema.js';

export default new DataSource(serviceDataSourceOptions({
  schema: IDENTITY_SCHEMA,
  url: process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/rewards',
  entities: IDENTITY_ENTITIES,
  migrations: IDENTITY_MIGRATIONS,
}));

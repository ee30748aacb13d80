import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { billingDataSourceOptions } from './database/billing-schema.js';

/** For the TypeORM CLI: `typeorm migration:run -d dist/apps/participants-billing/src/data-source.js`. */
export default new DataSource(billingDataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/rewards'));

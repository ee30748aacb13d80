import { DataSource, DataSourceOptions } from 'typeorm';
import { ServiceDatabaseModule, serviceDataSourceOptions } from '#libs/database';
import { RewardsEnv } from '../config/rewards-env.js';
import { REWARDS_ENTITIES, REWARDS_MIGRATIONS, REWARDS_SCHEMA } from './rewards-schema.js';

export function rewardsDataSourceOptions(url: string, poolSize?: number): DataSourceOptions {
  return serviceDataSourceOptions({ schema: REWARDS_SCHEMA, url, entities: REWARDS_ENTITIES, migrations: REWARDS_MIGRATIONS, poolSize });
}

export function rewardsDataSource(url: string, poolSize?: number): DataSource {
  return new DataSource(rewardsDataSourceOptions(url, poolSize));
}

export const DatabaseModule = ServiceDatabaseModule.forService({
  env: RewardsEnv,
  schema: REWARDS_SCHEMA,
  options: (env) => rewardsDataSourceOptions(env.DATABASE_URL, env.DB_POOL_SIZE),
});

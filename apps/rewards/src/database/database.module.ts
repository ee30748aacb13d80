import { DataSource } from 'typeorm';
import { ServiceDatabaseModule, serviceDataSourceOptions } from '#libs/database';
import { RewardsEnv } from '../config/rewards-env.js';
import { REWARDS_ENTITIES, REWARDS_MIGRATIONS, REWARDS_SCHEMA } from './rewards-schema.js';

export function rewardsDataSource(url: string, poolSize?: number): DataSource {
  return new DataSource(serviceDataSourceOptions({
    schema: REWARDS_SCHEMA, url, entities: REWARDS_ENTITIES, migrations: REWARDS_MIGRATIONS, poolSize,
  }));
}

export const DatabaseModule = ServiceDatabaseModule.forService({
  env: RewardsEnv,
  schema: REWARDS_SCHEMA,
  options: (env) => rewardsDataSource(env.DATABASE_URL, env.DB_POOL_SIZE).options,
});

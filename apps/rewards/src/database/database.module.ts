import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runMigrations, serviceDataSourceOptions } from '#libs/database';
import { RewardsEnv } from '../config/rewards-env.js';
import { REWARDS_ENTITIES, REWARDS_MIGRATIONS, REWARDS_SCHEMA } from './rewards-schema.js';

@Injectable()
class MigrationsOnStart implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Migrations');
  constructor(@Inject(DataSource) private readonly dataSource: DataSource, private readonly env: RewardsEnv) {}

  async onModuleInit(): Promise<void> {
    if (!this.env.RUN_MIGRATIONS) return;
    const applied = await runMigrations(this.dataSource, REWARDS_SCHEMA);
    if (applied.length > 0) this.logger.log(`applied ${applied.join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

export function rewardsDataSource(url: string, poolSize?: number): DataSource {
  return new DataSource(serviceDataSourceOptions({
    schema: REWARDS_SCHEMA, url, entities: REWARDS_ENTITIES, migrations: REWARDS_MIGRATIONS, poolSize,
  }));
}

@Global()
@Module({
  providers: [
    { provide: DataSource, inject: [RewardsEnv], useFactory: (env: RewardsEnv) => rewardsDataSource(env.DATABASE_URL, env.DB_POOL_SIZE).initialize() },
    MigrationsOnStart,
  ],
  exports: [DataSource],
})
export class DatabaseModule {}

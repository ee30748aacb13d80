import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runMigrations, serviceDataSourceOptions } from '#libs/database';
import { IdentityEnv } from '../config/identity-env.js';
import { IDENTITY_ENTITIES, IDENTITY_MIGRATIONS, IDENTITY_SCHEMA } from './identity-schema.js';

@Injectable()
class MigrationsOnStart implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Migrations');
  constructor(@Inject(DataSource) private readonly dataSource: DataSource, private readonly env: IdentityEnv) {}

  async onModuleInit(): Promise<void> {
    if (!this.env.RUN_MIGRATIONS) return;
    const applied = await runMigrations(this.dataSource, IDENTITY_SCHEMA);
    if (applied.length > 0) this.logger.log(`applied ${applied.join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [IdentityEnv],
      useFactory: (env: IdentityEnv) => new DataSource(serviceDataSourceOptions({
        schema: IDENTITY_SCHEMA, url: env.DATABASE_URL, entities: IDENTITY_ENTITIES, migrations: IDENTITY_MIGRATIONS,
      })).initialize(),
    },
    MigrationsOnStart,
  ],
  exports: [DataSource],
})
export class DatabaseModule {}

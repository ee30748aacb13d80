import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runMigrations, serviceDataSourceOptions } from '#libs/database';
import { CertificatesEnv } from '../config/certificates-env.js';
import { CERTIFICATES_ENTITIES, CERTIFICATES_MIGRATIONS, CERTIFICATES_SCHEMA } from './certificates-schema.js';

@Injectable()
class MigrationsOnStart implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Migrations');
  constructor(@Inject(DataSource) private readonly dataSource: DataSource, private readonly env: CertificatesEnv) {}

  async onModuleInit(): Promise<void> {
    if (!this.env.RUN_MIGRATIONS) return;
    const applied = await runMigrations(this.dataSource, CERTIFICATES_SCHEMA);
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
      inject: [CertificatesEnv],
      useFactory: (env: CertificatesEnv) => new DataSource(serviceDataSourceOptions({
        schema: CERTIFICATES_SCHEMA, url: env.DATABASE_URL, entities: CERTIFICATES_ENTITIES, migrations: CERTIFICATES_MIGRATIONS,
      })).initialize(),
    },
    MigrationsOnStart,
  ],
  exports: [DataSource],
})
export class DatabaseModule {}

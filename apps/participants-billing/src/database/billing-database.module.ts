import { Global, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runMigrations } from '#libs/database';
import { BillingEnv } from '../config/billing-env.js';
import { BILLING_ENTITIES, BILLING_SCHEMA, billingDataSourceOptions } from '../data-source.js';

/** Runs pending migrations at start unless RUN_MIGRATIONS=false (then `migrate.js` does it). */
@Injectable()
export class MigrationsRunner implements OnModuleInit {
  private readonly logger = new Logger('Migrations');
  constructor(private readonly dataSource: DataSource, private readonly env: BillingEnv) {}

  async onModuleInit(): Promise<void> {
    if (!this.env.RUN_MIGRATIONS) return;
    const applied = await runMigrations(this.dataSource, BILLING_SCHEMA);
    if (applied.length > 0) this.logger.log({ msg: 'migrations applied', applied });
  }
}

const FEATURE = TypeOrmModule.forFeature(BILLING_ENTITIES);

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [BillingEnv],
      useFactory: (env: BillingEnv) => billingDataSourceOptions(env.DATABASE_URL),
    }),
    FEATURE,
  ],
  providers: [MigrationsRunner],
  exports: [FEATURE, MigrationsRunner],
})
export class BillingDatabaseModule {}

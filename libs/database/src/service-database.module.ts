import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit, Type } from '@nestjs/common';
import { DataSource, DataSourceOptions } from 'typeorm';
import { runMigrations } from './run-migrations.js';

/** What every service env class offers this module. */
export interface DatabaseEnv { DATABASE_URL: string; RUN_MIGRATIONS: boolean }

export interface ServiceDatabaseSpec<E extends DatabaseEnv> {
  /** The app's validated env class (provided globally by its config module). */
  env: Type<E>;
  schema: string;
  options: (env: E) => DataSourceOptions;
}

const SPEC = Symbol('ServiceDatabaseSpec');

@Injectable()
class MigrationsOnStart implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Migrations');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SPEC) private readonly spec: { schema: string; env: DatabaseEnv },
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.spec.env.RUN_MIGRATIONS) return;
    const applied = await runMigrations(this.dataSource, this.spec.schema);
    if (applied.length > 0) this.logger.log(`applied ${applied.join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * The service's DataSource (global), initialised from its env, with its migrations run at
 * start unless RUN_MIGRATIONS=false (then `migrate.js` does it, e.g. as a Kubernetes Job).
 */
@Module({})
export class ServiceDatabaseModule {
  static forService<E extends DatabaseEnv>(spec: ServiceDatabaseSpec<E>): DynamicModule {
    return {
      module: ServiceDatabaseModule,
      global: true,
      providers: [
        { provide: DataSource, inject: [spec.env], useFactory: (env: E) => new DataSource(spec.options(env)).initialize() },
        { provide: SPEC, inject: [spec.env], useFactory: (env: E) => ({ schema: spec.schema, env }) },
        MigrationsOnStart,
      ],
      exports: [DataSource],
    };
  }
}

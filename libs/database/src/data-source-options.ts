import type { DataSourceOptions } from 'typeorm';
import { SafeQueryLogger } from './safe-query-logger.js';

export interface ServiceDataSourceSpec {
  /** Postgres schema the service owns, e.g. `identity`. */
  schema: string;
  url: string;
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
  poolSize?: number;
}

/**
 * One schema per service, its own migrations table, never `synchronize`.
 * The schema itself is created by the first migration (`CREATE SCHEMA IF NOT EXISTS`).
 */
export function serviceDataSourceOptions(spec: ServiceDataSourceSpec): DataSourceOptions {
  return {
    type: 'postgres',
    url: spec.url,
    schema: spec.schema,
    entities: spec.entities,
    migrations: spec.migrations,
    migrationsTableName: `${spec.schema.replace(/-/g, '_')}_migrations`,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Our logger decides what is logged (failed statements without their parameters, through the
    // JSON logger); TypeORM ignores a `logging` option when given a logger instance, so none is set.
    logger: new SafeQueryLogger(),
    extra: { max: spec.poolSize ?? 10 },
  };
}

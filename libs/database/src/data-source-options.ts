import type { DataSourceOptions } from 'typeorm';

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
    logging: ['error'],
    extra: { max: spec.poolSize ?? 10 },
  };
}

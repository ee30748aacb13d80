import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The pg pool under a TypeORM DataSource, for the hot paths that need what TypeORM's query()
 * does not pass on: named (prepared once per connection) statements, COPY, one round trip.
 */
export function pgPool(ds: DataSource): Pool {
  return (ds.driver as unknown as { master: Pool }).master;
}

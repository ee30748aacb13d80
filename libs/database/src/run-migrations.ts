import { DataSource, type DataSourceOptions } from 'typeorm';

/**
 * Creates the service schema (so the migrations table can live in it) and runs pending
 * migrations. Several replicas starting at once are serialised by a Postgres advisory lock.
 */
export async function runMigrations(dataSource: DataSource, schema: string): Promise<string[]> {
  const lockKey = hashToInt(schema);
  // The lock is per connection: hold it on one dedicated query runner.
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [lockKey]);
    await lockRunner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [lockKey]).catch(() => undefined);
    await lockRunner.release();
  }
}

/**
 * The whole of an app's migrate.ts (a Kubernetes Job, `npm run migrate`): its pending migrations,
 * then one JSON line saying which were applied (`{"service":"identity","migrationsApplied":[]}`).
 */
export async function migrateAndReport(service: string, schema: string, options: DataSourceOptions): Promise<void> {
  const dataSource = await new DataSource(options).initialize();
  try {
    const applied = await runMigrations(dataSource, schema);
    process.stdout.write(`${JSON.stringify({ service, migrationsApplied: applied })}\n`);
  } finally {
    await dataSource.destroy();
  }
}

function hashToInt(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h;
}

import { Gauge, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

interface PgPool { totalCount: number; idleCount: number; waitingCount: number; options?: { max?: number } }

/** Postgres pool usage (node-postgres Pool behind TypeORM's driver), read on scrape. */
export function registerPoolMetrics(registry: Registry, dataSource: DataSource): void {
  const pool = () => (dataSource.driver as unknown as { master?: PgPool }).master;
  new Gauge({
    name: 'db_pool_connections', help: 'Postgres pool connections by state (total, idle, in_use) and requests waiting for one',
    labelNames: ['state'] as const, registers: [registry],
    collect() {
      const p = pool();
      if (!p) return;
      this.set({ state: 'total' }, p.totalCount);
      this.set({ state: 'idle' }, p.idleCount);
      this.set({ state: 'in_use' }, p.totalCount - p.idleCount);
      this.set({ state: 'waiting' }, p.waitingCount);
    },
  });
  new Gauge({
    name: 'db_pool_max', help: 'Largest size of the Postgres pool', registers: [registry],
    collect() { const max = pool()?.options?.max; if (max !== undefined) this.set(max); },
  });
}

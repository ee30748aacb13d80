// Typed access to scripts/lib/infra.mjs (plain JS without declarations) for the proof suites:
// their own Redis (AOF on) and PostgreSQL, which they stop and start again.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';

interface Infra {
  freePort(): Promise<number>;
  startRedis(o: { port: number; dir: string; persistent?: boolean }): Promise<{ url: string; pid: number; stop(): Promise<void> }>;
  startPostgres(o: { dataDir: string; port: number; database?: string }): Promise<{ url: string; stop(): Promise<void> }>;
}

const INFRA = '../../scripts/lib/infra.mjs';
const infra = (): Promise<Infra> => import(INFRA) as Promise<Infra>;

const tmp = (name: string) => mkdtempSync(join(process.env.TEST_TMP_DIR ?? '/tmp', `${name}-`));

/** A redis-server with AOF that can be stopped and started again on the same port and data. */
export async function restartableRedis() {
  const { freePort, startRedis } = await infra();
  const port = await freePort();
  const dir = tmp('proof-redis');
  let current = await startRedis({ port, dir, persistent: true });
  return {
    url: current.url,
    stop: () => current.stop(),
    start: async () => { current = await startRedis({ port, dir, persistent: true }); },
  };
}

/** An embedded PostgreSQL that can be stopped and started again on the same port and data directory. */
export async function restartablePostgres() {
  const { freePort, startPostgres } = await infra();
  const port = await freePort();
  const dataDir = join(tmp('proof-pg'), 'pg');
  let current = await startPostgres({ dataDir, port, database: 'proof' });
  return {
    url: current.url,
    stop: () => current.stop(),
    start: async () => { current = await startPostgres({ dataDir, port, database: 'proof' }); },
  };
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeScratch } from '../../scripts/lib/infra.mjs';
import { stopPids } from './stop-pids.mjs';

export default async function globalTeardown() {
  await stopSharedSystems(process.env.TEST_TMP_DIR);
  for (const stop of (globalThis.__INFRA_STOPS__ ?? []).reverse()) await stop();
  removeScratch();
}

/** The workers' shared systems (test/support/shared-system.ts) go before the Redis and Postgres they use. */
async function stopSharedSystems(dir) {
  if (!dir || !existsSync(dir)) return;
  const states = readdirSync(dir).filter((f) => /^shared-system-\d+\.json$/.test(f));
  await Promise.all(states.map((f) => stopPids(Object.values(JSON.parse(readFileSync(join(dir, f), 'utf8')).pids))));
}

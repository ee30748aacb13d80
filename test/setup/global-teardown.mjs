import { removeScratch } from '../../scripts/lib/infra.mjs';

export default async function globalTeardown() {
  for (const stop of (globalThis.__INFRA_STOPS__ ?? []).reverse()) await stop();
  removeScratch();
}

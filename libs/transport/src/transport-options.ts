import type { CommonEnv } from '#libs/config';
import { clusterNodesOf } from '#libs/redis';
import { Sealer } from './sealer.js';

/** What every server and client of one process shares, read from its validated env. */
export interface TransportConnectionOptions {
  url: string;
  clusterNodes: string[];
  sealer: Sealer;
  reclaimIdleMs: number;
}

const sealers = new Map<string, Sealer>();

/** One Sealer per key list and process (the keys are parsed once). */
export function transportOptionsFrom(env: Pick<CommonEnv, 'REDIS_URL' | 'REDIS_CLUSTER_NODES' | 'TRANSPORT_SEALING_KEYS' | 'TRANSPORT_RECLAIM_IDLE_MS'>): TransportConnectionOptions {
  const spec = env.TRANSPORT_SEALING_KEYS ?? '';
  let sealer = sealers.get(spec);
  if (!sealer) sealers.set(spec, (sealer = Sealer.fromSpec(spec)));
  return { url: env.REDIS_URL, clusterNodes: clusterNodesOf(env.REDIS_CLUSTER_NODES), sealer, reclaimIdleMs: env.TRANSPORT_RECLAIM_IDLE_MS ?? 30_000 };
}

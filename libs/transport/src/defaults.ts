import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

export const DEFAULTS = {
  /** Approximate cap of every stream (XADD MAXLEN ~). */
  maxLen: 100_000,
  timeoutMs: 10_000,
  /** Handlers running at once per replica. */
  concurrency: 100,
  /** XREADGROUP BLOCK. */
  blockMs: 2_000,
  heartbeatMs: 1_000,
  /** A replica whose last heartbeat is older than this counts as dead. */
  aliveWindowMs: 5_000,
  /** Client-side cache of the liveness check. */
  livenessCacheMs: 500,
  /** Pending entries idle this long are reclaimed by a live replica. */
  minIdleMs: 30_000,
  maxDeliveries: 5,
  /** Graceful close waits at most this long for running handlers. */
  closeTimeoutMs: 10_000,
} as const;

/** hostname-pid-random: unique per process start. */
export function defaultInstanceId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

export const DEFAULTS = {
  /** MAXLEN ~ of the dead-letter stream (request and event streams lose entries only by acknowledgement). */
  deadLetterMaxLen: 100_000,
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
  /** Pending entries idle this long are reclaimed by a live replica; every caller timeout stays below it. */
  minIdleMs: 30_000,
  maxDeliveries: 5,
  /** Graceful close waits at most this long for running handlers. */
  closeTimeoutMs: 10_000,
  /** At close, a Redis command (heartbeat removal, last acks) waits at most this long for a Redis that is away. */
  closeRedisMs: 2_000,
  /** How often a client with requests in flight checks whether the replica holding them stopped. */
  replicaWatchMs: 1_000,
  /**
   * A subscriber that has not started for this long stops getting copies of an event. Far beyond
   * any outage we design for: a service down for less keeps receiving (and later reads) everything.
   */
  subscriberWindowMs: 7 * 86_400_000,
  /** Client cache of an event's subscribers. */
  subscribersCacheMs: 1_000,
  /** Servers measure their backlog (entries not yet acknowledged) this often. */
  backlogCheckMs: 10_000,
  backlogWarn: 10_000,
} as const;

/** hostname-pid-random: unique per process start. */
export function defaultInstanceId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

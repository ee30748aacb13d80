import type { LoggerService } from '@nestjs/common';

/**
 * Longest a shutdown may take: the transport's own bounds (the read in progress, then at most
 * 10 s for running handlers) fit inside it, and it ends well before Kubernetes' 30 s grace period.
 */
export const SHUTDOWN_DEADLINE_MS = 20_000;

export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Shutdown is bounded: should a hook hang (a Redis or PostgreSQL that is gone, a handler that never
 * ends), the process says so and exits once `ms` have passed since the signal, instead of holding
 * its pod or terminal until something kills it. Nest's shutdown hooks still run first.
 */
export function boundShutdown(logger: LoggerService, ms = SHUTDOWN_DEADLINE_MS): void {
  for (const signal of SHUTDOWN_SIGNALS) {
    process.once(signal, () => {
      setTimeout(() => {
        logger.error(`shutdown did not finish within ${ms} ms of ${signal}: exiting`);
        process.exit(1);
      }, ms).unref();
    });
  }
}

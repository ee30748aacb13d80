import { ConsoleLogger, INestMicroservice, Module, Type } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { hostname } from 'node:os';
import { createRedis } from '#libs/redis';
import type { CommonEnv } from '#libs/config';
import type { ServiceName } from '#libs/contracts';
import { EdgeGuard, RedisStreamsServer, TransportExceptionFilter, TransportKeys, transportOptionsFrom } from '#libs/transport';
import { createMetricsRegistry, jsonLogger, MetricsRegistryModule, registerPoolMetrics, registerStreamMetrics, transportHandlerMetrics } from '#libs/observability';
import { readinessOf, startHealthServer } from './health-server.js';
import { boundShutdown, SHUTDOWN_SIGNALS } from './shutdown-deadline.js';

/** JSON lines at LOG_LEVEL with the redaction list every process shares (libs/observability). */
export function loggerFor(service: string, level: string): ConsoleLogger {
  return jsonLogger(service, level);
}

export interface RunServiceOptions {
  service: ServiceName;
  module: Type<unknown>;
  env: CommonEnv;
}

/**
 * Starts one service process: the Redis Streams transport server, the global error filter,
 * JSON logs, graceful shutdown on SIGTERM/SIGINT, and the health port (probes and `/metrics`).
 */
export async function runService({ service, module, env }: RunServiceOptions): Promise<INestMicroservice> {
  const logger = loggerFor(service, env.LOG_LEVEL);
  const replicaId = env.REPLICA_ID || `${hostname()}-${process.pid}`;
  const metrics = createMetricsRegistry(service);
  const connection = transportOptionsFrom(env);
  const strategy = new RedisStreamsServer({
    ...connection, service, replicaId, minIdleMs: connection.reclaimIdleMs, backlogWarn: env.TRANSPORT_BACKLOG_WARN,
    concurrency: env.TRANSPORT_CONCURRENCY,
    onHandled: transportHandlerMetrics(metrics),
  });
  // The app's module plus its registry (METRICS_REGISTRY), so features can add metrics to /metrics.
  const root = { module: ServiceRootModule, imports: [MetricsRegistryModule.forRegistry(metrics), module] };
  const app = await NestFactory.createMicroservice(root, { strategy, logger });
  app.useGlobalFilters(new TransportExceptionFilter());
  app.enableShutdownHooks([...SHUTDOWN_SIGNALS]);
  boundShutdown(logger);
  await app.listen();
  if (env.HEALTH_PORT > 0) {
    const dataSource = optionalDataSource(app);
    const redis = createRedis(connection, { lazyConnect: true, maxRetriesPerRequest: 1 });
    registerStreamMetrics(metrics, redis, [...strategy.readStreams, new TransportKeys().deadLetter(service)]);
    if (dataSource) registerPoolMetrics(metrics, dataSource);
    const health = await startHealthServer(env.HEALTH_PORT, {
      ready: readinessOf({
        ...(dataSource ? { postgres: async () => { await dataSource.query('SELECT 1'); } } : {}),
        redis: async () => { await redis.ping(); },
      }),
      metrics,
    });
    const close = app.close.bind(app);
    app.close = async () => { health.close(); redis.disconnect(); await close(); };
  }
  logger.log(`${service} replica ${replicaId} listening on the transport`);
  return app;
}

/** Every service's edge: the caller policy of each pattern is enforced before its handler runs. */
@Module({ providers: [{ provide: APP_GUARD, useClass: EdgeGuard }] })
class ServiceRootModule {}

function optionalDataSource(app: INestMicroservice): DataSource | undefined {
  try {
    return app.get(DataSource, { strict: false });
  } catch {
    return undefined;
  }
}

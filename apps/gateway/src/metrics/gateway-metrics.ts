import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest, onResponseHookHandler, RouteOptions } from 'fastify';
import type { Registry } from 'prom-client';
import { SERVICE_NAMES } from '#libs/contracts';
import { createMetricsRegistry, transportClientMetrics } from '#libs/observability';
import { RedisStreamsClient, transportClientToken } from '#libs/transport';
import { logAccess } from './access-log.js';
import { HttpMetrics } from './http-metrics.js';

/**
 * The gateway's Prometheus registry: HTTP latency by route template, transport client latency
 * and errors per service and pattern, default process metrics. Served at `/metrics` on HEALTH_PORT
 * only (HealthRoutes): the public port does not show route counts, latencies or process internals.
 */
@Injectable()
export class GatewayMetrics implements OnModuleInit {
  readonly registry: Registry = createMetricsRegistry('gateway');
  private readonly http = new HttpMetrics(this.registry);

  constructor(private readonly adapterHost: HttpAdapterHost, private readonly moduleRef: ModuleRef) {
    // In the constructor, so it runs before any onModuleInit registers routes: each route gets an
    // onResponse hook that knows its template, so the hot path reads no route options.
    const fastify = adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRoute', (route: RouteOptions) => {
      route.onResponse = [...asArray(route.onResponse), this.responseHook(route.url)];
    });
    const unmatched = this.responseHook('unmatched');
    fastify.addHook('onResponse', function (request, reply, done) {
      if (request.is404) unmatched.call(this, request, reply, done);
      else done();
    });
  }

  onModuleInit(): void {
    const clientHook = transportClientMetrics(this.registry);
    for (const service of SERVICE_NAMES) {
      const client = this.moduleRef.get<RedisStreamsClient>(transportClientToken(service), { strict: false });
      client.onHandled = clientHook(service);
    }
  }

  private responseHook(route: string): onResponseHookHandler {
    const observe = this.http.forRoute(route);
    const debug = Logger.isLevelEnabled('debug');
    return (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      observe(request.method, reply.statusCode, reply.elapsedTime);
      if (debug) logAccess(route, request, reply);
      done();
    };
  }
}

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

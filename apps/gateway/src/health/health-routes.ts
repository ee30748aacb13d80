import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { Server } from 'node:http';
import { startHealthServer } from '#libs/service-runtime';
import { GatewayEnv } from '../config/gateway-env.js';
import { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { HealthCheck } from './health-check.js';

/** `/health/live` and `/health/ready` on the main port; those and `/metrics` (only there) on HEALTH_PORT when it is set. */
@Injectable()
export class HealthRoutes implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Health');
  private server?: Server;

  constructor(private readonly adapterHost: HttpAdapterHost, private readonly check: HealthCheck, private readonly env: GatewayEnv,
    private readonly metrics: GatewayMetrics) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.get('/health/live', async (request, reply) => {
      const answer = this.check.live();
      return reply.code(answer.status).header('x-request-id', request.id).send(answer.body);
    });
    fastify.get('/health/ready', async (request, reply) => {
      const answer = await this.check.ready();
      return reply.code(answer.status).header('x-request-id', request.id).send(answer.body);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.env.HEALTH_PORT) return;
    this.server = await startHealthServer(this.env.HEALTH_PORT, { ready: () => this.check.ready(), metrics: this.metrics.registry, host: this.env.HOST });
    this.logger.log(`health on ${this.env.HOST}:${this.env.HEALTH_PORT}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

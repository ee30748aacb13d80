import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { createServer, Server } from 'node:http';
import { GatewayEnv } from '../config/gateway-env.js';
import { JSON_TYPE } from '../errors/send-error.js';
import { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { type HealthAnswer, HealthCheck } from './health-check.js';

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
    this.server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0].replace(/\/+$/, '');
      if (path === '/metrics' && req.method === 'GET') {
        this.metrics.render().then(({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
          () => res.writeHead(500, { 'content-type': JSON_TYPE }).end('{"error":"Internal error"}'));
        return;
      }
      const answer: Promise<HealthAnswer> | HealthAnswer | undefined =
        req.method !== 'GET' && req.method !== 'HEAD' ? undefined
          : path === '/health/live' ? this.check.live()
            : path === '/health/ready' ? this.check.ready() : undefined;
      Promise.resolve(answer).then((a) => {
        const out = a ?? { status: 404, body: { error: 'Not found' } };
        res.writeHead(out.status, { 'content-type': JSON_TYPE }).end(JSON.stringify(out.body));
      }, () => res.writeHead(500, { 'content-type': JSON_TYPE }).end('{"error":"Internal error"}'));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject).listen(this.env.HEALTH_PORT, this.env.HOST, () => resolve());
    });
    this.logger.log(`health on ${this.env.HOST}:${this.env.HEALTH_PORT}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

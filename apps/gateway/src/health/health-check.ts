import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Redis } from 'ioredis';
import { SERVICE_NAMES, type ServiceName } from '#libs/contracts';
import { RedisStreamsClient, transportClientToken } from '#libs/transport';
import { GATEWAY_REDIS } from '../redis/redis.module.js';
import { ReadinessEnv } from './readiness-env.js';

type Up = 'ok' | 'down';
export interface HealthAnswer {
  status: number;
  body: { status: 'ok' | 'unavailable'; redis?: Up; services?: Partial<Record<ServiceName, Up>> };
}

const CHECK_TIMEOUT_MS = 1000;

@Injectable()
export class HealthCheck implements OnModuleInit {
  private clients: [ServiceName, RedisStreamsClient][] = [];
  private readonly required: Set<string>;

  constructor(@Inject(GATEWAY_REDIS) private readonly redis: Redis, private readonly moduleRef: ModuleRef, readiness: ReadinessEnv) {
    this.required = new Set(readiness.requiredServices);
  }

  onModuleInit(): void {
    this.clients = SERVICE_NAMES.map((s) => [s, this.moduleRef.get<RedisStreamsClient>(transportClientToken(s), { strict: false })]);
  }

  live(): HealthAnswer {
    return { status: 200, body: { status: 'ok' } };
  }

  /**
   * Ready when Redis (sessions and transport) answers a PING and every service has a live
   * replica — the transport's own heartbeat check, the one send() fails fast on (503).
   * READY_REQUIRES_SERVICES narrows the services that count; all are reported.
   */
  async ready(): Promise<HealthAnswer> {
    const [redisUp, ...servicesUp] = await Promise.all([
      within(this.redis.ping().then((r) => r === 'PONG')),
      ...this.clients.map(([, client]) => within(client.hasLiveReplica())),
    ]);
    const services = Object.fromEntries(this.clients.map(([name], i) => [name, servicesUp[i] ? 'ok' : 'down'])) as Record<ServiceName, Up>;
    const ok = redisUp && this.clients.every(([name], i) => servicesUp[i] || !this.required.has(name));
    return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'unavailable', redis: redisUp ? 'ok' : 'down', services } };
  }
}

/** Resolves false on failure or after CHECK_TIMEOUT_MS. */
async function within(check: Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS); });
  const result = await Promise.race([check.catch(() => false), timeout]);
  clearTimeout(timer);
  return result;
}

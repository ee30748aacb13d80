import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { GATEWAY_REDIS } from '../redis/redis.module.js';

export interface HealthAnswer { status: number; body: { status: 'ok' | 'unavailable'; redis?: 'ok' | 'down' } }

const PING_TIMEOUT_MS = 1000;

@Injectable()
export class HealthCheck {
  constructor(@Inject(GATEWAY_REDIS) private readonly redis: Redis) {}

  live(): HealthAnswer {
    return { status: 200, body: { status: 'ok' } };
  }

  /** Ready when Redis (sessions and transport) answers a PING within a second. */
  async ready(): Promise<HealthAnswer> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS); });
    const ping = this.redis.ping().then((r) => r === 'PONG', () => false);
    const ok = await Promise.race([ping, timeout]);
    clearTimeout(timer);
    return ok
      ? { status: 200, body: { status: 'ok', redis: 'ok' } }
      : { status: 503, body: { status: 'unavailable', redis: 'down' } };
  }
}

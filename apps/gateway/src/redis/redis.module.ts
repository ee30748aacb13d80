import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { TicketStore } from '#libs/session';
import { GatewayEnv } from '../config/gateway-env.js';

export const GATEWAY_REDIS = Symbol('GATEWAY_REDIS');

/**
 * The gateway's one Redis connection (sessions, readiness). No offline queue: while Redis is
 * down a ticket check fails at once (503) instead of piling up requests.
 */
async function connectRedis(env: GatewayEnv): Promise<Redis> {
  const redis = new Redis(env.REDIS_URL, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectionName: 'gateway',
    enableAutoPipelining: true, // concurrent GETEXs share one socket write
  });
  redis.on('error', () => undefined); // reconnects by itself; readiness reports the outage
  await redis.connect();
  return redis;
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(GATEWAY_REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    { provide: GATEWAY_REDIS, inject: [GatewayEnv], useFactory: connectRedis },
    {
      provide: TicketStore,
      inject: [GATEWAY_REDIS, GatewayEnv],
      useFactory: (redis: Redis, env: GatewayEnv) => new TicketStore(redis, env.SESSION_TTL_SECONDS),
    },
    RedisCloser,
  ],
  exports: [GATEWAY_REDIS, TicketStore],
})
export class RedisModule {}

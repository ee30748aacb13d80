import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { closeRedis, createRedis, type RedisClient } from '#libs/redis';
import { TicketStore } from '#libs/session';
import { transportOptionsFrom } from '#libs/transport';
import { GatewayEnv } from '../config/gateway-env.js';

export const GATEWAY_REDIS = Symbol('GATEWAY_REDIS');

/**
 * The gateway's one Redis connection (sessions, readiness). No offline queue: while Redis is
 * down a ticket check fails at once (503) instead of piling up requests.
 */
async function connectRedis(env: GatewayEnv): Promise<RedisClient> {
  const redis = createRedis(transportOptionsFrom(env), {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectionName: 'gateway',
    enableAutoPipelining: true, // concurrent GETEXs share one socket write
  });
  await redis.connect();
  return redis;
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(GATEWAY_REDIS) private readonly redis: RedisClient) {}
  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}

@Global()
@Module({
  providers: [
    { provide: GATEWAY_REDIS, inject: [GatewayEnv], useFactory: connectRedis },
    {
      provide: TicketStore,
      inject: [GATEWAY_REDIS, GatewayEnv],
      useFactory: (redis: RedisClient, env: GatewayEnv) =>
        new TicketStore(redis, { ttlSeconds: env.SESSION_TTL_SECONDS, maxAgeSeconds: env.SESSION_MAX_AGE_SECONDS }),
    },
    RedisCloser,
  ],
  exports: [GATEWAY_REDIS, TicketStore],
})
export class RedisModule {}

import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { createRedis, type RedisClient } from '#libs/redis';
import { TicketStore } from '#libs/session';
import { transportOptionsFrom } from '#libs/transport';
import { IdentityEnv } from '../config/identity-env.js';

export const REDIS = Symbol('identity.redis');

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}
  onApplicationShutdown(): void { this.redis.disconnect(); }
}

@Global()
@Module({
  providers: [
    { provide: REDIS, inject: [IdentityEnv], useFactory: (env: IdentityEnv) => createRedis(transportOptionsFrom(env), { enableAutoPipelining: true }) },
    {
      provide: TicketStore, inject: [REDIS, IdentityEnv],
      useFactory: (redis: RedisClient, env: IdentityEnv) =>
        new TicketStore(redis, { ttlSeconds: env.SESSION_TTL_SECONDS, maxAgeSeconds: env.SESSION_MAX_AGE_SECONDS }),
    },
    RedisCloser,
  ],
  exports: [REDIS, TicketStore],
})
export class RedisModule {}

import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { TicketStore } from '#libs/session';
import { IdentityEnv } from '../config/identity-env.js';

export const REDIS = Symbol('identity.redis');

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  onApplicationShutdown(): void { this.redis.disconnect(); }
}

@Global()
@Module({
  providers: [
    { provide: REDIS, inject: [IdentityEnv], useFactory: (env: IdentityEnv) => new Redis(env.REDIS_URL) },
    {
      provide: TicketStore, inject: [REDIS, IdentityEnv],
      useFactory: (redis: Redis, env: IdentityEnv) => new TicketStore(redis, env.SESSION_TTL_SECONDS),
    },
    RedisCloser,
  ],
  exports: [REDIS, TicketStore],
})
export class RedisModule {}

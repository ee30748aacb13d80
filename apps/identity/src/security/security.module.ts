import { Global, Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../redis/redis.module.js';
import { RateLimiter } from './rate-limiter.js';
import { RequestLimits } from './request-limits.js';
import { SignInLockout } from './sign-in-lockout.js';

@Global()
@Module({
  providers: [
    { provide: RateLimiter, inject: [REDIS], useFactory: (redis: Redis) => new RateLimiter(redis) },
    SignInLockout,
    RequestLimits,
  ],
  exports: [RateLimiter, SignInLockout, RequestLimits],
})
export class SecurityModule {}

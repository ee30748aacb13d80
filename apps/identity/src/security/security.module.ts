import { Global, Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../redis/redis.module.js';
import { RateLimiter } from './rate-limiter.js';
import { RequestLimits } from './request-limits.js';
import { SignInGuard } from './sign-in-guard.js';

@Global()
@Module({
  providers: [
    { provide: RateLimiter, inject: [REDIS], useFactory: (redis: Redis) => new RateLimiter(redis) },
    SignInGuard,
    RequestLimits,
  ],
  exports: [RateLimiter, SignInGuard, RequestLimits],
})
export class SecurityModule {}

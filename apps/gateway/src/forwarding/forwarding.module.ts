import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { RateLimits } from '../rate-limits/rate-limits.js';
import { RouteRegistrar } from './route-registrar.js';

@Module({ imports: [AuthModule], providers: [RateLimits, RouteRegistrar], exports: [RateLimits] })
export class ForwardingModule {}

import { Module } from '@nestjs/common';
import { HealthCheck } from './health-check.js';
import { HealthRoutes } from './health-routes.js';

@Module({ providers: [HealthCheck, HealthRoutes] })
export class HealthModule {}

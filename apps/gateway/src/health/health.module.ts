import { Module } from '@nestjs/common';
import { loadConfig } from '#libs/config';
import { HealthCheck } from './health-check.js';
import { HealthRoutes } from './health-routes.js';
import { ReadinessEnv } from './readiness-env.js';

@Module({ providers: [{ provide: ReadinessEnv, useFactory: () => loadConfig(ReadinessEnv) }, HealthCheck, HealthRoutes] })
export class HealthModule {}

import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Registry } from 'prom-client';

/** Injection token of the process's Prometheus registry (the one served at `/metrics`). */
export const METRICS_REGISTRY = Symbol.for('observability.metrics-registry');

/** Makes the service's registry injectable, so feature modules add their own metrics to `/metrics`. */
@Global()
@Module({})
export class MetricsRegistryModule {
  static forRegistry(registry: Registry): DynamicModule {
    return { module: MetricsRegistryModule, providers: [{ provide: METRICS_REGISTRY, useValue: registry }], exports: [METRICS_REGISTRY] };
  }
}

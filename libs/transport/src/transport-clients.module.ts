import { DynamicModule, Inject, Module, Provider, Type } from '@nestjs/common';
import type { CommonEnv } from '#libs/config';
import { RedisStreamsClient } from './redis-streams.client.js';
import { transportOptionsFrom } from './transport-options.js';

export interface TransportClientsOptions {
  /** Own service name. */
  caller: string;
  /** One client is provided per target service. */
  services: readonly string[];
  /** The app's validated env class (Redis, sealing keys, reclaim idle time). */
  env: Type<CommonEnv>;
  timeoutMs?: number;
  global?: boolean;
}

export function transportClientToken(service: string): string {
  return `TransportClient:${service}`;
}

/** Injects the RedisStreamsClient registered for `service`. */
export const InjectTransportClient = (service: string): ParameterDecorator & PropertyDecorator =>
  Inject(transportClientToken(service));

@Module({})
export class TransportClientsModule {
  static register(options: TransportClientsOptions): DynamicModule {
    const providers = options.services.map((service) =>
      transportClientProvider({ service, caller: options.caller, env: options.env, timeoutMs: options.timeoutMs }));
    return { module: TransportClientsModule, providers, exports: providers, global: options.global ?? false };
  }
}

/**
 * A provider of one RedisStreamsClient built from the app's validated env class (known only at
 * run time), injectable with InjectTransportClient(service). Closed by Nest on shutdown.
 */
export function transportClientProvider(opts: {
  service: string; caller: string; env: Type<CommonEnv>; timeoutMs?: number;
}): Provider {
  return {
    provide: transportClientToken(opts.service),
    inject: [opts.env],
    useFactory: (env: CommonEnv) =>
      new RedisStreamsClient({ ...transportOptionsFrom(env), caller: opts.caller, service: opts.service, timeoutMs: opts.timeoutMs }),
  };
}

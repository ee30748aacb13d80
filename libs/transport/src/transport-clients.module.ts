import { DynamicModule, Inject, Module, Provider, Type } from '@nestjs/common';
import { RedisStreamsClient } from './redis-streams.client.js';

export interface TransportClientsOptions {
  url: string;
  /** Own service name. */
  caller: string;
  /** One client is provided per target service. */
  services: string[];
  timeoutMs?: number;
  prefix?: string;
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
    const providers: Provider[] = options.services.map((service) => ({
      provide: transportClientToken(service),
      // Closed by Nest through RedisStreamsClient.onApplicationShutdown.
      useFactory: () => new RedisStreamsClient({
        url: options.url, caller: options.caller, service, timeoutMs: options.timeoutMs, prefix: options.prefix,
      }),
    }));
    return { module: TransportClientsModule, providers, exports: providers, global: options.global ?? false };
  }
}

/**
 * A provider of one RedisStreamsClient built from the app's validated env class (whose
 * REDIS_URL is only known at run time), injectable with InjectTransportClient(service).
 */
export function transportClientProvider(opts: {
  service: string; caller: string; env: Type<{ REDIS_URL: string }>; timeoutMs?: number;
}): Provider {
  return {
    provide: transportClientToken(opts.service),
    inject: [opts.env],
    useFactory: (env: { REDIS_URL: string }) =>
      new RedisStreamsClient({ url: env.REDIS_URL, caller: opts.caller, service: opts.service, timeoutMs: opts.timeoutMs }),
  };
}

import { DynamicModule, Inject, Module, Provider } from '@nestjs/common';
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

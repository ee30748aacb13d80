import { DynamicModule, Module } from '@nestjs/common';
import { SERVICE_NAMES } from '#libs/contracts';
import { TransportClientsModule } from '#libs/transport';
import { ServiceClients } from './service-clients.js';

@Module({})
export class GatewayTransportModule {
  static register(redisUrl: string): DynamicModule {
    return {
      module: GatewayTransportModule,
      global: true,
      imports: [TransportClientsModule.register({ url: redisUrl, caller: 'gateway', services: [...SERVICE_NAMES] })],
      providers: [ServiceClients],
      exports: [ServiceClients],
    };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { SERVICE_NAMES } from '#libs/contracts';
import { TransportClientsModule } from '#libs/transport';
import { GatewayEnv } from '../config/gateway-env.js';
import { ServiceClients } from './service-clients.js';

@Module({})
export class GatewayTransportModule {
  static register(): DynamicModule {
    return {
      module: GatewayTransportModule,
      global: true,
      imports: [TransportClientsModule.register({ caller: 'gateway', services: SERVICE_NAMES, env: GatewayEnv })],
      providers: [ServiceClients],
      exports: [ServiceClients],
    };
  }
}

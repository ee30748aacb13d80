import { DynamicModule, Global, Module } from '@nestjs/common';
import { GatewayEnv } from './config/gateway-env.js';
import { ForwardingModule } from './forwarding/forwarding.module.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { RedisModule } from './redis/redis.module.js';
import { GatewayTransportModule } from './transport/gateway-transport.module.js';

@Global()
@Module({})
class ConfigModule {
  static forRoot(env: GatewayEnv): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: GatewayEnv, useValue: env }], exports: [GatewayEnv] };
  }
}

@Module({})
export class GatewayModule {
  static forRoot(env: GatewayEnv): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ConfigModule.forRoot(env),
        RedisModule,
        GatewayTransportModule.register(),
        ForwardingModule,
        HealthModule,
        MetricsModule,
      ],
    };
  }
}

import { Global, Module } from '@nestjs/common';
import { transportClientProvider, transportClientToken } from '#libs/transport';
import { BillingEnv } from '../config/billing-env.js';

export const IDENTITY_CLIENT = transportClientToken('identity');

/**
 * Transport client towards identity (participant teams); also used to emit events, which
 * need no target. Built from the validated env rather than TransportClientsModule.register,
 * whose URL would have to be known when the module file is imported.
 */
@Global()
@Module({
  providers: [transportClientProvider({ service: 'identity', caller: 'participants-billing', env: BillingEnv, timeoutMs: 3000 })],
  exports: [IDENTITY_CLIENT],
})
export class OutboundModule {}

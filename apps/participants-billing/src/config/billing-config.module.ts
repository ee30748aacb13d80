import { Global, Module } from '@nestjs/common';
import { loadConfig } from '#libs/config';
import { BillingEnv } from './billing-env.js';

/** Provides the validated BillingEnv (main.ts has already exited on a bad value). */
@Global()
@Module({
  providers: [{ provide: BillingEnv, useFactory: () => loadConfig(BillingEnv) }],
  exports: [BillingEnv],
})
export class BillingConfigModule {}

import { Global, Module } from '@nestjs/common';
import { loadConfig } from '#libs/config';
import { IdentityEnv } from './identity-env.js';

/** main.ts has already validated the environment (and exited on a bad value). */
@Global()
@Module({
  providers: [{ provide: IdentityEnv, useFactory: () => loadConfig(IdentityEnv) }],
  exports: [IdentityEnv],
})
export class IdentityConfigModule {}

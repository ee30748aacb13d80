import { Global, Module } from '@nestjs/common';
import { loadConfig } from '#libs/config';
import { RewardsEnv } from './rewards-env.js';

/** main.ts has already validated the environment (and exited on a bad value). */
@Global()
@Module({
  providers: [{ provide: RewardsEnv, useFactory: () => loadConfig(RewardsEnv) }],
  exports: [RewardsEnv],
})
export class RewardsConfigModule {}

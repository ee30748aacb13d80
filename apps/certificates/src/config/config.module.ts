import { Global, Module } from '@nestjs/common';
import { loadConfig } from '#libs/config';
import { CertificatesEnv } from './certificates-env.js';

/** main.ts has already validated the environment (and exited on a bad value). */
@Global()
@Module({
  providers: [{ provide: CertificatesEnv, useFactory: () => loadConfig(CertificatesEnv) }],
  exports: [CertificatesEnv],
})
export class CertificatesConfigModule {}

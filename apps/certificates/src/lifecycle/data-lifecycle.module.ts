import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module.js';
import { PaymentCertificatesModule } from '../payment-certificates/payment-certificates.module.js';
import { UserCertificatesModule } from '../user-certificates/user-certificates.module.js';
import { transportClientProvider } from '#libs/transport';
import { CertificatesEnv } from '../config/certificates-env.js';
import { DataLifecycleController } from './data-lifecycle.controller.js';

@Module({ imports: [ApiKeysModule, PaymentCertificatesModule, UserCertificatesModule], controllers: [DataLifecycleController],
  providers: [transportClientProvider({ service: 'participants-billing', caller: 'certificates', env: CertificatesEnv, timeoutMs: 5000 })],
})
export class DataLifecycleModule {}

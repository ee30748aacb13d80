import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module.js';
import { PaymentCertificatesModule } from '../payment-certificates/payment-certificates.module.js';
import { UserCertificatesModule } from '../user-certificates/user-certificates.module.js';
import { RedisStreamsClient } from '#libs/transport';
import { CertificatesEnv } from '../config/certificates-env.js';
import { BILLING_CLIENT, DataLifecycleController } from './data-lifecycle.controller.js';

@Module({ imports: [ApiKeysModule, PaymentCertificatesModule, UserCertificatesModule], controllers: [DataLifecycleController],
  providers: [{
    provide: BILLING_CLIENT,
    inject: [CertificatesEnv],
    useFactory: (env: CertificatesEnv) =>
      new RedisStreamsClient({ url: env.REDIS_URL, caller: 'certificates', service: 'participants-billing', timeoutMs: 5000 }),
  }],
})
export class DataLifecycleModule {}

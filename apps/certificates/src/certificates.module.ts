import { Module } from '@nestjs/common';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { CertificatesConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DataLifecycleModule } from './lifecycle/data-lifecycle.module.js';
import { PaymentCertificatesModule } from './payment-certificates/payment-certificates.module.js';
import { QrCodesModule } from './qr-codes/qr-codes.module.js';
import { UserCertificatesModule } from './user-certificates/user-certificates.module.js';
import { AUDIT_TRAIL } from './audit/audit-trail.js';

/** Payment certificates (external API), user certificates, QR codes and participant API keys. */
@Module({
  imports: [
    CertificatesConfigModule, DatabaseModule, AUDIT_TRAIL,
    ApiKeysModule, PaymentCertificatesModule, UserCertificatesModule, QrCodesModule, DataLifecycleModule,
  ],
})
export class CertificatesModule {}

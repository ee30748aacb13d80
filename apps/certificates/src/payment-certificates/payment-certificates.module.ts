import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module.js';
import { PaymentCertificatesController } from './payment-certificates.controller.js';
import { PaymentCertificatesRepository } from './payment-certificates.repository.js';
import { PaymentCertificatesService } from './payment-certificates.service.js';

@Module({
  imports: [ApiKeysModule],
  controllers: [PaymentCertificatesController],
  providers: [PaymentCertificatesService, PaymentCertificatesRepository],
  exports: [PaymentCertificatesRepository],
})
export class PaymentCertificatesModule {}

import { Module } from '@nestjs/common';
import { QrLinksModule } from '../qr-codes/qr-links.module.js';
import { UserCertificatesController } from './user-certificates.controller.js';
import { UserCertificatesRepository } from './user-certificates.repository.js';
import { UserCertificatesService } from './user-certificates.service.js';

@Module({
  imports: [QrLinksModule],
  controllers: [UserCertificatesController],
  providers: [UserCertificatesService, UserCertificatesRepository],
  exports: [UserCertificatesService, UserCertificatesRepository],
})
export class UserCertificatesModule {}

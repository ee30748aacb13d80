import { Module } from '@nestjs/common';
import { QrLinksModule } from '../qr-codes/qr-links.module.js';
import { UserCertificatesController } from './user-certificates.controller.js';
import { UserCertificatesRepository } from './user-certificates.repository.js';
import { UserCertificatesService } from './user-certificates.service.js';
import { UserPresenceRepository } from './user-presence.repository.js';

@Module({
  imports: [QrLinksModule],
  controllers: [UserCertificatesController],
  providers: [UserCertificatesService, UserCertificatesRepository, UserPresenceRepository],
  exports: [UserCertificatesService, UserCertificatesRepository, UserPresenceRepository],
})
export class UserCertificatesModule {}

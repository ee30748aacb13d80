import { Module } from '@nestjs/common';
import { UserCertificatesModule } from '../user-certificates/user-certificates.module.js';
import { QrCodesController } from './qr-codes.controller.js';
import { QrLinksModule } from './qr-links.module.js';

@Module({ imports: [QrLinksModule, UserCertificatesModule], controllers: [QrCodesController] })
export class QrCodesModule {}

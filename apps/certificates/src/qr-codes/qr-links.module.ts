import { Module } from '@nestjs/common';
import { QrLinks } from './qr-links.js';

@Module({ providers: [QrLinks], exports: [QrLinks] })
export class QrLinksModule {}

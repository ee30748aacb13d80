import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module.js';
import { PaymentCertificatesModule } from '../payment-certificates/payment-certificates.module.js';
import { UserCertificatesModule } from '../user-certificates/user-certificates.module.js';
import { DataLifecycleController } from './data-lifecycle.controller.js';

@Module({ imports: [ApiKeysModule, PaymentCertificatesModule, UserCertificatesModule], controllers: [DataLifecycleController] })
export class DataLifecycleModule {}

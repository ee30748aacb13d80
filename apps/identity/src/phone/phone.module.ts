import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { PhoneCodesModule } from './phone-codes.module.js';
import { PhoneController } from './phone.controller.js';
import { PhoneService } from './phone.service.js';

@Module({ imports: [AccountsModule, PhoneCodesModule], controllers: [PhoneController], providers: [PhoneService] })
export class PhoneModule {}

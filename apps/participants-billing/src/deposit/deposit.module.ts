import { Module } from '@nestjs/common';
import { StripeModule } from '../stripe/stripe.module.js';
import { DepositController } from './deposit.controller.js';
import { LedgerService } from './ledger.service.js';
import { DepositSettingsService } from './settings.service.js';
import { TopupsService } from './topups.service.js';

@Module({
  imports: [StripeModule],
  controllers: [DepositController],
  providers: [LedgerService, DepositSettingsService, TopupsService],
  exports: [LedgerService, DepositSettingsService, TopupsService],
})
export class DepositModule {}

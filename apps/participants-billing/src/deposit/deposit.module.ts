import { Module } from '@nestjs/common';
import { DepositController } from './deposit.controller.js';
import { LedgerService } from './ledger.service.js';
import { DepositSettingsService } from './settings.service.js';

@Module({
  controllers: [DepositController],
  providers: [LedgerService, DepositSettingsService],
  exports: [LedgerService, DepositSettingsService],
})
export class DepositModule {}

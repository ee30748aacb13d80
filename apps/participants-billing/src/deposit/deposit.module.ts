import { Module } from '@nestjs/common';
import { ParticipantsDataModule } from '../participants/participants-data.module.js';
import { StripeModule } from '../stripe/stripe.module.js';
import { DepositAccountsRepository } from './deposit-accounts.repository.js';
import { DepositSettingsRepository } from './deposit-settings.repository.js';
import { DepositController } from './deposit.controller.js';
import { LedgerService } from './ledger.service.js';
import { DepositSettingsService } from './settings.service.js';
import { TopupPaymentsRepository } from './topup-payments.repository.js';
import { TopupsService } from './topups.service.js';

@Module({
  imports: [ParticipantsDataModule, StripeModule],
  controllers: [DepositController],
  providers: [DepositAccountsRepository, DepositSettingsRepository, TopupPaymentsRepository, LedgerService, DepositSettingsService, TopupsService],
  exports: [LedgerService, DepositSettingsService, TopupsService],
})
export class DepositModule {}

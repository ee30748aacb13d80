import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AuditActor, AuditRecorder, changedFields } from '#libs/audit';
import { AuditAction, type DepositView, type FeeView, type TopupView, type SetFeeDto, type SetTopupDto } from '#libs/contracts';
import { BillingErrorCode, billingError, participantNotFound } from '../common/billing-errors.js';
import { parseCoins } from '../common/coins.js';
import { ParticipantsRepository } from '../participants/participants.repository.js';
import { DepositAccountsRepository } from './deposit-accounts.repository.js';
import { DepositSettingsRepository } from './deposit-settings.repository.js';
import { feeView, topupView } from './deposit-views.js';
import { percentToHundredths } from './fee-math.js';
import type { FeeSetting } from './fee-setting.entity.js';
import type { TopupSetting } from './topup-setting.entity.js';
import { topupCoins } from './topup-rate.js';
import { TopupsService } from './topups.service.js';

/** Fee and top-up settings of a participant's deposit, and the deposit view. */
@Injectable()
export class DepositSettingsService {
  constructor(
    private readonly participants: ParticipantsRepository,
    private readonly accounts: DepositAccountsRepository,
    private readonly settings: DepositSettingsRepository,
    private readonly topupPayments: TopupsService,
    private readonly audit: AuditRecorder,
  ) {}

  async view(participantId: string): Promise<DepositView & { participant_id: string }> {
    await this.requireActive(participantId);
    const [account, fee, topup, lastTopup] = await Promise.all([
      this.accounts.findByParticipant(participantId),
      this.settings.findFee(participantId),
      this.settings.findTopup(participantId),
      this.topupPayments.latest(participantId),
    ]);
    return {
      address: account?.address ?? '', coins: account?.coins ?? '0',
      fee: feeView(fee), last_topup: lastTopup, participant_id: participantId, topup: topupView(topup),
    };
  }

  /** Fee and top-up changes are audited in their transaction (the changed settings before and after). */
  async setFee(participantId: string, dto: SetFeeDto, actor: AuditActor): Promise<{ result: FeeView; status: 'ok' }> {
    // Validate fully before anything is written.
    let percentHundredths: number | null = null;
    let coins: string | null = null;
    if (dto.type === 'percentages') {
      percentHundredths = percentToHundredths(dto.value);
      if (percentHundredths === null) {
        throw billingError(BillingErrorCode.InvalidFee, 'For type percentages value must be a number with 0 < value <= 100',
          [{ field: 'value', errors: ['must be a number, 0 < value <= 100, at most two decimals'] }]);
      }
    } else {
      coins = parseCoins(dto.value, 'value').toString();
    }
    const row: FeeSetting = { participantId, type: dto.type, percentHundredths, coins, source: dto.source, status: dto.status, updatedAt: new Date() };
    await this.settings.transaction(async (m) => {
      await this.requireActive(participantId, m);
      const before = await this.settings.replaceFee(m, row);
      await this.audit.record(m, actor, AuditAction.FeeSet, { target: participantId, ...changedFields(feeFields(before), feeFields(row), ['type']) });
    });
    return { result: feeView(row)!, status: 'ok' };
  }

  async setTopup(dto: SetTopupDto, actor: AuditActor): Promise<{ result: TopupView; status: 'ok' }> {
    const threshold = parseCoins(dto.coins_threshold, 'coins_threshold', { positive: false }).toString();
    topupCoins(dto.amount, dto.currency);
    const row: TopupSetting = {
      participantId: dto.participantId, amount: dto.amount, currency: dto.currency, frequency: dto.frequency,
      coinsThreshold: threshold, minimalAmount: dto.minimal_amount, status: dto.status, updatedAt: new Date(),
    };
    await this.settings.transaction(async (m) => {
      await this.requireActive(dto.participantId, m);
      const before = await this.settings.replaceTopup(m, row);
      const fields = (t: TopupSetting | null) => topupView(t) as Record<string, unknown> | null;
      await this.audit.record(m, actor, AuditAction.TopupSet, { target: dto.participantId, ...changedFields(fields(before), fields(row)) });
    });
    return { result: topupView(row)!, status: 'ok' };
  }

  private async requireActive(participantId: string, m?: EntityManager): Promise<void> {
    if (!(await this.participants.isActive(participantId, m))) throw participantNotFound(participantId);
  }
}

/** The fee as audited: the view without its time stamp. */
function feeFields(fee: FeeSetting | null): Record<string, unknown> | null {
  const view = feeView(fee);
  if (!view) return null;
  const { ts: _, ...fields } = view;
  return fields;
}

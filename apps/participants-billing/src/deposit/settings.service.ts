import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { type AuditActor, AuditRecorder, changedFields } from '#libs/audit';
import { AuditAction, type DepositView, type FeeView, type TopupView } from '#libs/contracts';
import { BillingErrorCode, billingError, participantNotFound } from '../common/billing-errors.js';
import { parseCoins } from '../common/coins.js';
import { Participant } from '../participants/participant.entity.js';
import { DepositAccount } from './deposit-account.entity.js';
import { feeView, topupView } from './deposit-views.js';
import type { SetFeeDto, SetTopupDto } from './dto/deposit.dto.js';
import { percentToHundredths } from './fee-math.js';
import { FeeSetting } from './fee-setting.entity.js';
import { TopupSetting } from './topup-setting.entity.js';
import { topupCoins } from './topup-rate.js';
import { TopupsService } from './topups.service.js';

/** Fee and top-up settings of a participant's deposit, and the deposit view. */
@Injectable()
export class DepositSettingsService {
  constructor(
    @InjectRepository(Participant) private readonly participants: Repository<Participant>,
    @InjectRepository(DepositAccount) private readonly accounts: Repository<DepositAccount>,
    @InjectRepository(FeeSetting) private readonly fees: Repository<FeeSetting>,
    @InjectRepository(TopupSetting) private readonly topups: Repository<TopupSetting>,
    private readonly topupPayments: TopupsService,
    private readonly audit: AuditRecorder,
  ) {}

  async view(participantId: string): Promise<DepositView & { participant_id: string }> {
    await this.requireActive(participantId);
    const [account, fee, topup, lastTopup] = await Promise.all([
      this.accounts.findOne({ where: { participantId } }),
      this.fees.findOne({ where: { participantId } }),
      this.topups.findOne({ where: { participantId } }),
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
    await this.fees.manager.transaction(async (m) => {
      await this.requireActive(participantId, m);
      const before = await m.findOne(FeeSetting, { where: { participantId }, lock: { mode: 'pessimistic_write' } });
      await m.upsert(FeeSetting, row, ['participantId']);
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
    await this.topups.manager.transaction(async (m) => {
      await this.requireActive(dto.participantId, m);
      const before = await m.findOne(TopupSetting, { where: { participantId: dto.participantId }, lock: { mode: 'pessimistic_write' } });
      await m.upsert(TopupSetting, row, ['participantId']);
      const fields = (t: TopupSetting | null) => topupView(t) as Record<string, unknown> | null;
      await this.audit.record(m, actor, AuditAction.TopupSet, { target: dto.participantId, ...changedFields(fields(before), fields(row)) });
    });
    return { result: topupView(row)!, status: 'ok' };
  }

  private async requireActive(participantId: string, m: EntityManager = this.participants.manager): Promise<void> {
    const found = await m.exists(Participant, { where: { id: participantId, status: 'active' } });
    if (!found) throw participantNotFound(participantId);
  }
}

/** The fee as audited: the view without its time stamp. */
function feeFields(fee: FeeSetting | null): Record<string, unknown> | null {
  const view = feeView(fee);
  if (!view) return null;
  const { ts: _, ...fields } = view;
  return fields;
}

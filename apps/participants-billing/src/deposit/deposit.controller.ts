import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { BillingPattern, ParticipantIdParams, DepositMoveDto, SetFeeDto, SetTopupDto, TopupBodyDto } from '#libs/contracts';
import { Body, Internal, Message, Params } from '#libs/transport';
import { Actor, type AuditActor } from '#libs/audit';
import { ParticipantAdminGuard } from '../common/participant-admin.guard.js';
import { LedgerService } from './ledger.service.js';
import { DepositSettingsService } from './settings.service.js';
import { TopupsService } from './topups.service.js';

@Controller()
export class DepositController {
  constructor(private readonly ledger: LedgerService, private readonly settings: DepositSettingsService, private readonly topups: TopupsService) {}

  /** GET /participants/participant/:id/deposit */
  @MessagePattern(BillingPattern.DepositGet)
  async get(@Params(ParticipantIdParams) { id }: ParticipantIdParams) {
    const { participant_id: _, ...view } = await this.settings.view(id);
    return view;
  }

  /** PUT /participants/participant/:id/deposit/fee */
  @MessagePattern(BillingPattern.DepositSetFee)
  async setFee(@Params(ParticipantIdParams) { id }: ParticipantIdParams, @Body(SetFeeDto) body: SetFeeDto, @Actor() actor: AuditActor) {
    return this.settings.setFee(id, body, actor);
  }

  @MessagePattern(BillingPattern.DepositSetTopup)
  @Internal()
  async setTopup(@Message(SetTopupDto) dto: SetTopupDto, @Actor() actor: AuditActor) {
    return this.settings.setTopup(dto, actor);
  }

  /** PUT /participants/participant/:id/deposit/topup: a sys-admin or the participant's security_admin. */
  @MessagePattern(BillingPattern.DepositSetTopupHttp)
  @UseGuards(ParticipantAdminGuard)
  async setTopupHttp(@Params(ParticipantIdParams) { id }: ParticipantIdParams, @Body(TopupBodyDto) body: TopupBodyDto, @Actor() actor: AuditActor) {
    return this.settings.setTopup({ ...body, participantId: id }, actor);
  }

  /** A charge that leaves the balance below the top-up threshold has opened a top-up: its payment starts now. */
  @MessagePattern(BillingPattern.DepositCharge)
  @Internal()
  async charge(@Message(DepositMoveDto) dto: DepositMoveDto) {
    const { result, openedTopup } = await this.ledger.charge(dto);
    if (openedTopup) this.topups.startInBackground(openedTopup);
    return result;
  }

  @MessagePattern(BillingPattern.DepositCredit)
  @Internal()
  async credit(@Message(DepositMoveDto) dto: DepositMoveDto) {
    return this.ledger.credit(dto);
  }
}

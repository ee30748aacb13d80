import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { BillingPattern, type HttpRequestPayload, type SessionInfo } from '#libs/contracts';
import { validatePayload } from '#libs/errors';
import { CallerSession, Internal } from '#libs/transport';
import { Actor, type AuditActor } from '#libs/audit';
import { bodyOf, paramOf, requireParticipantAdmin } from '../common/http.js';
import { DepositMoveDto, SetFeeDto, SetTopupDto, TopupBodyDto } from './dto/deposit.dto.js';
import { LedgerService } from './ledger.service.js';
import { DepositSettingsService } from './settings.service.js';
import { TopupsService } from './topups.service.js';

@Controller()
export class DepositController {
  constructor(private readonly ledger: LedgerService, private readonly settings: DepositSettingsService, private readonly topups: TopupsService) {}

  /** GET /participants/participant/:id/deposit */
  @MessagePattern(BillingPattern.DepositGet)
  async get(@Payload() payload: HttpRequestPayload) {
    const { participant_id: _, ...view } = await this.settings.view(paramOf(payload, 'id'));
    return view;
  }

  /** PUT /participants/participant/:id/deposit/fee */
  @MessagePattern(BillingPattern.DepositSetFee)
  async setFee(@Payload() payload: HttpRequestPayload, @Actor() actor: AuditActor) {
    const id = paramOf(payload, 'id');
    return this.settings.setFee(id, await validatePayload(SetFeeDto, bodyOf(payload)), actor);
  }

  @MessagePattern(BillingPattern.DepositSetTopup)

  @Internal()
  async setTopup(@Payload() data: unknown, @Actor() actor: AuditActor) {
    return this.settings.setTopup(await validatePayload(SetTopupDto, data), actor);
  }

  /** PUT /participants/participant/:id/deposit/topup: a sys-admin or the participant's security_admin. */
  @MessagePattern(BillingPattern.DepositSetTopupHttp)
  async setTopupHttp(@Payload() payload: HttpRequestPayload, @Actor() actor: AuditActor, @CallerSession() session: SessionInfo | undefined) {
    const participantId = paramOf(payload, 'id');
    requireParticipantAdmin(session, participantId);
    const body = await validatePayload(TopupBodyDto, bodyOf(payload));
    return this.settings.setTopup({ ...body, participantId }, actor);
  }

  /** A charge that leaves the balance below the top-up threshold has opened a top-up: its payment starts now. */
  @MessagePattern(BillingPattern.DepositCharge)
  @Internal()
  async charge(@Payload() data: unknown) {
    const { result, openedTopup } = await this.ledger.charge(await validatePayload(DepositMoveDto, data));
    if (openedTopup) this.topups.startInBackground(openedTopup);
    return result;
  }

  @MessagePattern(BillingPattern.DepositCredit)

  @Internal()
  async credit(@Payload() data: unknown) {
    return this.ledger.credit(await validatePayload(DepositMoveDto, data));
  }
}

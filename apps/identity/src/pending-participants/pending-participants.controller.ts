import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { Events, type HttpRequestPayload, IdentityPattern, type ParticipantRegistrationRequestedEvent, type SessionInfo, TargetUserDto, PendingParticipantUpdateDto, RejectWithReasonDto } from '#libs/contracts';
import { Body, Caller } from '#libs/transport';
import { Actor, type AuditActor } from '#libs/audit';
import { PendingParticipantsService } from './pending-participants.service.js';

@Controller()
export class PendingParticipantsController {
  constructor(private readonly pending: PendingParticipantsService) {}

  @MessagePattern(IdentityPattern.PendingParticipantUpdate)
  update(@Caller() caller: SessionInfo, @Body(PendingParticipantUpdateDto) body: PendingParticipantUpdateDto) {
    return this.pending.submit(caller.userId, body);
  }

  @MessagePattern(IdentityPattern.PendingParticipantApprove)
  approve(@Payload() req: HttpRequestPayload, @Actor() actor: AuditActor) {
    return this.pending.approve(String(req.params?.code ?? ''), actor);
  }

  @MessagePattern(IdentityPattern.PendingParticipantReject)
  reject(@Payload() req: HttpRequestPayload, @Actor() actor: AuditActor) {
    return this.pending.reject(String(req.params?.code ?? ''), actor);
  }

  @MessagePattern(IdentityPattern.PendingParticipantRejectWithReason)
  rejectWithReason(@Body(RejectWithReasonDto) dto: RejectWithReasonDto, @Actor() actor: AuditActor) {
    return this.pending.reject(dto.code, actor, dto.reason);
  }

  /** Billing recorded `POST /account/participant`; malformed events are dropped (nobody to answer). */
  @EventPattern(Events.ParticipantRegistrationRequested)
  async registrationRequested(@Payload() data: Partial<ParticipantRegistrationRequestedEvent>) {
    const text = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 300;
    if (!text(data?.requestId) || !text(data?.userId) || !text(data?.company_prefix) || !text(data?.name) || !text(data?.country)
      || !Array.isArray(data?.brand_name) || !data.brand_name.every((b) => typeof b === 'string')) return;
    await this.pending.registrationRequested(data as ParticipantRegistrationRequestedEvent);
  }

  /** `system` route: the edge checks the caller. */
  @MessagePattern(IdentityPattern.PendingParticipantGetCode)
  getCode(@Body(TargetUserDto) body: TargetUserDto) {
    return this.pending.codeFor(body.id);
  }
}

import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { Events, type HttpRequestPayload, type ParticipantRegistrationRequestedEvent, type SessionInfo } from '#libs/contracts';
import { DomainError, validatePayload } from '#libs/errors';
import { CallerSession } from '#libs/transport';
import { Actor, type AuditActor } from '#libs/audit';
import { requireSystemUser } from '../users-admin/sys-admin.js';
import { UserIdDto } from '../users-admin/user-id.dto.js';
import { PendingParticipantUpdateDto, RejectWithReasonDto } from './pending-participant.dto.js';
import { PendingParticipantsService } from './pending-participants.service.js';
import { IdentityPattern } from '#libs/contracts';

@Controller()
export class PendingParticipantsController {
  constructor(private readonly pending: PendingParticipantsService) {}

  @MessagePattern(IdentityPattern.PendingParticipantUpdate)
  async update(@Payload() req: HttpRequestPayload, @CallerSession() session?: SessionInfo) {
    if (!session) throw DomainError.unauthenticated();
    return this.pending.submit(session.userId, await validatePayload(PendingParticipantUpdateDto, req.body));
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
  async rejectWithReason(@Payload() req: HttpRequestPayload, @Actor() actor: AuditActor) {
    const dto = await validatePayload(RejectWithReasonDto, req.body);
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

  @MessagePattern(IdentityPattern.PendingParticipantGetCode)
  async getCode(@Payload() req: HttpRequestPayload, @CallerSession() session?: SessionInfo) {
    requireSystemUser(session);
    return this.pending.codeFor((await validatePayload(UserIdDto, req.body)).id);
  }
}

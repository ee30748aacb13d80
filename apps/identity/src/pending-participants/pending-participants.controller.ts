import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { HttpRequestPayload, SessionInfo } from '#libs/contracts';
import { DomainError, validatePayload } from '#libs/errors';
import { CallerSession } from '#libs/transport';
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
  approve(@Payload() req: HttpRequestPayload) {
    return this.pending.approve(String(req.params?.code ?? ''));
  }

  @MessagePattern(IdentityPattern.PendingParticipantReject)
  reject(@Payload() req: HttpRequestPayload) {
    return this.pending.reject(String(req.params?.code ?? ''));
  }

  @MessagePattern(IdentityPattern.PendingParticipantRejectWithReason)
  async rejectWithReason(@Payload() req: HttpRequestPayload) {
    const dto = await validatePayload(RejectWithReasonDto, req.body);
    return this.pending.reject(dto.code, dto.reason);
  }

  @MessagePattern(IdentityPattern.PendingParticipantGetCode)
  async getCode(@Payload() req: HttpRequestPayload, @CallerSession() session?: SessionInfo) {
    requireSystemUser(session);
    return this.pending.codeFor((await validatePayload(UserIdDto, req.body)).id);
  }
}

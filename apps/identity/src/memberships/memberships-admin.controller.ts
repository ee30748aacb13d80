import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { IdentityPattern, type HttpRequestPayload, type ParticipantChangedEvent, type SessionInfo, Events } from '#libs/contracts';
import { DomainError, validatePayload } from '#libs/errors';
import { CallerSession, Internal } from '#libs/transport';
import { Actor, type AuditActor } from '#libs/audit';
import { NominateDto } from './dto/nominate.dto.js';
import { MembershipsAdminService } from './memberships-admin.service.js';
import { ParticipantDirectory } from './participant-directory.js';

@Controller()
export class MembershipsAdminController {
  constructor(private readonly admin: MembershipsAdminService, private readonly directory: ParticipantDirectory) {}

  @MessagePattern(IdentityPattern.MembershipNominate)
  async nominate(@Payload() req: HttpRequestPayload, @Actor() actor: AuditActor, @CallerSession() session?: SessionInfo) {
    if (!session) throw DomainError.unauthenticated();
    const dto = await validatePayload(NominateDto, req.body);
    return this.admin.nominate(session, actor, dto.id, dto.current_participant, dto.role);
  }

  @MessagePattern(IdentityPattern.MembershipDenominate)
  async denominate(@Payload() req: HttpRequestPayload, @Actor() actor: AuditActor, @CallerSession() session?: SessionInfo) {
    if (!session) throw DomainError.unauthenticated();
    const dto = await validatePayload(NominateDto, req.body);
    return this.admin.denominate(session, actor, dto.id, dto.current_participant, dto.role);
  }

  @MessagePattern(IdentityPattern.ParticipantTeam)

  @Internal()
  team(@Payload() data: { participantId?: unknown }) {
    if (typeof data?.participantId !== 'string' || data.participantId === '') throw DomainError.invalid('participantId is required');
    return this.admin.team(data.participantId);
  }

  /** Events may arrive again: every step is idempotent. */
  @EventPattern(Events.ParticipantChanged)
  async participantChanged(@Payload() data: Partial<ParticipantChangedEvent>) {
    const p = data?.participant;
    const valid = typeof p?.id === 'string' && typeof p.name === 'string' && Array.isArray(p.modules) && Number.isSafeInteger(data?.version);
    if (valid) await this.directory.changed(data as ParticipantChangedEvent);
  }

  @EventPattern(Events.ParticipantDeleted)
  async participantDeleted(@Payload() data: { participantId?: unknown; requestId?: unknown }) {
    if (typeof data?.participantId !== 'string' || data.participantId === '') return;
    await this.admin.participantDeleted(data.participantId, typeof data.requestId === 'string' ? data.requestId : undefined);
  }
}

import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { IdentityPattern, type ParticipantChangedEvent, type SessionInfo, Events, NominateDto, ParticipantTeamDto } from '#libs/contracts';
import { Body, Caller, Internal, Message } from '#libs/transport';
import { Actor, type AuditActor } from '#libs/audit';
import { MembershipsAdminService } from './memberships-admin.service.js';
import { ParticipantDirectory } from './participant-directory.js';

@Controller()
export class MembershipsAdminController {
  constructor(private readonly admin: MembershipsAdminService, private readonly directory: ParticipantDirectory) {}

  /** `ticket` route; the caller's security_admin role in that participant is checked by the service (data). */
  @MessagePattern(IdentityPattern.MembershipNominate)
  nominate(@Caller() caller: SessionInfo, @Body(NominateDto) dto: NominateDto, @Actor() actor: AuditActor) {
    return this.admin.nominate(caller, actor, dto.id, dto.current_participant, dto.role);
  }

  @MessagePattern(IdentityPattern.MembershipDenominate)
  denominate(@Caller() caller: SessionInfo, @Body(NominateDto) dto: NominateDto, @Actor() actor: AuditActor) {
    return this.admin.denominate(caller, actor, dto.id, dto.current_participant, dto.role);
  }

  /** Billing's participant profile shows the team. */
  @MessagePattern(IdentityPattern.ParticipantTeam)
  @Internal({ from: ['participants-billing'] })
  team(@Message(ParticipantTeamDto) data: ParticipantTeamDto) {
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

import { Inject, Injectable, Logger } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { type AuditActor, AuditRecorder } from '#libs/audit';
import { AuditAction, BillingPattern, SECURITY_ADMIN_ROLE, type SessionInfo, type TeamMemberView, isoSeconds, type DeletionAckDto } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { RedisStreamsClient } from '#libs/transport';
import { UsersRepository } from '../accounts/users.repository.js';
import { Transactions } from '../database/transactions.js';
import { PendingParticipantsRepository } from '../pending-participants/pending-participants.repository.js';
import { MembershipsRepository } from './memberships.repository.js';
import { BILLING_CLIENT, ParticipantDirectory } from './participant-directory.js';
import { SessionRoles } from './session-roles.js';

export interface NominationView { id: string; name?: string; roles: string[] }

/** Nominations by a participant's security admin, the participant's team, and cleanup on participant deletion. */
@Injectable()
export class MembershipsAdminService {
  private readonly logger = new Logger('Memberships');

  constructor(
    private readonly transactions: Transactions,
    private readonly memberships: MembershipsRepository,
    private readonly users: UsersRepository,
    private readonly pending: PendingParticipantsRepository,
    private readonly directory: ParticipantDirectory,
    private readonly sessionRoles: SessionRoles,
    @Inject(BILLING_CLIENT) private readonly billing: RedisStreamsClient,
    private readonly audit: AuditRecorder,
  ) {}

  /** A change of roles is audited in its transaction (roles before and after); nominating existing roles records nothing. */
  async nominate(caller: SessionInfo, actor: AuditActor, userId: string, participantId: string, roles: string[]): Promise<NominationView> {
    await this.requireSecurityAdminOf(caller, participantId);
    await this.requireUser(userId);
    const next = await this.transactions.run(async (tx) => {
      const existing = await this.memberships.lock(tx, userId, participantId);
      const merged = [...new Set([...(existing?.roles ?? []), ...roles])];
      if (existing && merged.length === existing.roles.length) return merged;
      if (existing) await this.memberships.setRoles(tx, userId, participantId, merged);
      else await this.memberships.insert(tx, userId, participantId, merged);
      await this.audit.record(tx, actor, AuditAction.MembershipNominate,
        { target: userId, owner: participantId, before: { roles: existing?.roles ?? [] }, after: { roles: merged } });
      return merged;
    });
    await this.sessionRoles.apply(userId, participantId, next);
    this.logger.log({ msg: 'nominated', userId, participantId, roles: next, by: caller.userId });
    return this.view(participantId, next);
  }

  /** Removes the given roles; no role left removes the membership and answers `{}` (as the doc). */
  async denominate(caller: SessionInfo, actor: AuditActor, userId: string, participantId: string, roles: string[]): Promise<NominationView | Record<string, never>> {
    await this.requireSecurityAdminOf(caller, participantId);
    const next = await this.transactions.run(async (tx) => {
      const existing = await this.memberships.lock(tx, userId, participantId);
      if (!existing) throw DomainError.notFound('User is not a member of this participant', 'identity.membership.not_found');
      const left = existing.roles.filter((r) => !roles.includes(r));
      if (left.length === existing.roles.length) return left;
      if (left.length === 0) await this.memberships.delete(tx, userId, participantId);
      else await this.memberships.setRoles(tx, userId, participantId, left);
      await this.audit.record(tx, actor, AuditAction.MembershipDenominate,
        { target: userId, owner: participantId, before: { roles: existing.roles }, after: { roles: left } });
      return left;
    });
    await this.sessionRoles.apply(userId, participantId, next.length > 0 ? next : null);
    this.logger.log({ msg: 'denominated', userId, participantId, roles: next, by: caller.userId });
    return next.length > 0 ? this.view(participantId, next) : {};
  }

  async team(participantId: string): Promise<TeamMemberView[]> {
    const rows = await this.memberships.team(participantId);
    return rows.map((r) => ({
      access_type: r.roles.includes(SECURITY_ADMIN_ROLE) ? 'Admin' : 'User',
      email: r.email ?? '', first_name: r.first_name ?? '', id: r.id, last_name: r.last_name ?? '', ts: isoSeconds(new Date(r.ts)),
    }));
  }

  /** `participant.deleted`: memberships and pending requests go, sessions in it fall back, then billing hears the ack. Idempotent. */
  async participantDeleted(participantId: string, requestId: string | undefined): Promise<void> {
    const members = await this.memberships.memberIds(participantId);
    await this.transactions.run(async (tx) => {
      await this.memberships.deleteAllOfParticipant(tx, participantId);
      await this.pending.deleteAllOfParticipant(tx, participantId);
    });
    await this.directory.removed(participantId);
    for (const userId of members) await this.sessionRoles.apply(userId, participantId, null);
    this.logger.log({ msg: 'participant memberships removed', participantId, requestId, members: members.length });
    if (requestId) {
      await firstValueFrom(this.billing.send(BillingPattern.ParticipantDeletionAck, { requestId, service: 'identity' } satisfies DeletionAckDto));
    }
  }

  /**
   * The one data-dependent caller check of nominate/denominate (the route only demands a session):
   * the caller is a security_admin of THIS participant, by the stored membership, not the
   * session, since roles may have changed since sign-in.
   */
  private async requireSecurityAdminOf(caller: SessionInfo, participantId: string): Promise<void> {
    const own = await this.memberships.find(caller.userId, participantId);
    if (!own || !own.roles.includes(SECURITY_ADMIN_ROLE)) {
      throw DomainError.forbidden('Only a security_admin of this participant may change its roles', 'identity.membership.forbidden');
    }
  }

  private async requireUser(id: string): Promise<void> {
    if (!(await this.users.existsById(id))) throw DomainError.notFound('User not found', 'identity.user.not_found');
  }

  private async view(participantId: string, roles: string[]): Promise<NominationView> {
    const summary = (await this.directory.summaries([participantId])).get(participantId);
    return { id: participantId, ...(summary?.name ? { name: summary.name } : {}), roles };
  }
}


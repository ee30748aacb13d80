import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { type AuditActor, AuditRecorder } from '#libs/audit';
import { AuditAction, BillingPattern, type AttachCardDto, type CreateParticipantDto, type ParticipantRegistrationRequestedEvent, type ParticipantSummary, type RegistrationDecisionDto, type PendingParticipantCardDto, type PendingParticipantUpdateDto } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { RedisStreamsClient, StreamRecord } from '#libs/transport';
import { UsersRepository } from '../accounts/users.repository.js';
import { IdentityEnv } from '../config/identity-env.js';
import { MailPort } from '../mail/mail.port.js';
import { BILLING_CLIENT } from '../memberships/participant-directory.js';
import { Transactions } from '../database/transactions.js';
import { MembershipsRepository } from '../memberships/memberships.repository.js';
import { SessionRoles } from '../memberships/session-roles.js';
import { decisionLinks, moderatorMail, rejectionMail } from './moderator-mail.js';
import { PendingParticipantEnv } from './pending-env.js';
import type { PendingDetails, PendingParticipantEntity, PendingSource } from './pending-participant.entity.js';
import { PendingParticipantsRepository } from './pending-participants.repository.js';

/** Roles of the registrant in the participant once approved: it administers its own team. */
export const REGISTRANT_ROLES = ['security_admin', 'product_line', 'user'];
const BILLING_TIMEOUT_MS = 15_000;

export interface PendingParticipantView { pending_participant: PendingDetails & { status: string } }

@Injectable()
export class PendingParticipantsService {
  private readonly logger = new Logger('PendingParticipants');

  constructor(
    private readonly pending: PendingParticipantsRepository,
    private readonly users: UsersRepository,
    private readonly memberships: MembershipsRepository,
    private readonly transactions: Transactions,
    @Inject(BILLING_CLIENT) private readonly billing: RedisStreamsClient,
    private readonly mail: MailPort,
    private readonly env: IdentityEnv,
    private readonly pendingEnv: PendingParticipantEnv,
    private readonly sessionRoles: SessionRoles,
    private readonly audit: AuditRecorder,
  ) {}

  /** `pending_participant` of `POST /account`: kept as a draft until the user completes it. */
  async saveDraft(userId: string, details: PendingDetails): Promise<void> {
    await this.pending.saveDraft(userId, details);
  }

  /** Completes the registration: card to billing (if any), then the moderator gets approve/reject links. */
  async submit(userId: string, dto: PendingParticipantUpdateDto): Promise<PendingParticipantView> {
    const existing = await this.pending.findByUser(userId);
    if (existing?.status === 'approved') throw DomainError.conflict('Participant registration is already approved', undefined, 'identity.pending.decided');
    const details: PendingDetails = clean({
      ...(existing?.details ?? {}), ...(dto.pending_participant ?? {}),
      country: dto.country ?? dto.pending_participant?.country ?? existing?.details.country,
      pending_plan: dto.pending_plan ?? existing?.details.pending_plan,
      gs1_activation_code: dto.gs1_activation_code ?? existing?.details.gs1_activation_code,
    });
    details.participant_type ??= 'product360';
    const missing = (['company_prefix', 'name', 'country'] as const).filter((f) => !details[f]);
    if (missing.length > 0) {
      throw DomainError.invalid('Invalid request', missing.map((f) => ({ field: f === 'country' ? 'country' : `pending_participant.${f}`, errors: [`${f} is required`] })));
    }
    if (dto.card) await this.attachCard(userId, dto.card);
    await this.awaitDecision(userId, details, 'brand-unlock', null);
    this.logger.log({ msg: 'participant registration submitted', userId, company_prefix: details.company_prefix, card: dto.card ? 'attached' : 'none' });
    return { pending_participant: { ...details, status: 'submitted' } };
  }

  /** `participant.registration-requested`: billing recorded `POST /account/participant`; the moderator decides it here. Once per request. */
  async registrationRequested(event: ParticipantRegistrationRequestedEvent): Promise<void> {
    if (!(await this.users.isKnown(event.userId))) {
      // Nothing to decide for an account that is gone (or never was): drop it, do not retry it into a dead letter.
      this.logger.warn({ msg: 'participant registration request dropped: no such user', userId: event.userId, requestId: event.requestId });
      return;
    }
    const current = await this.pending.findByUser(event.userId);
    if (current?.source === 'registration' && current.sourceRef === event.requestId) return;
    const details: PendingDetails = clean({
      company_prefix: event.company_prefix, name: event.name, brand_name: event.brand_name.join(', ') || undefined, country: event.country,
      participant_type: event.participant_type, pending_plan: event.pending_plan, gs1_activation_code: event.gs1_activation_code,
    });
    await this.awaitDecision(event.userId, details, 'registration', event.requestId);
    this.logger.log({ msg: 'participant registration request awaits the moderator', userId: event.userId, company_prefix: event.company_prefix });
  }

  /** One pending registration per user: a new one replaces the last; the moderator gets approve/reject links. */
  private async awaitDecision(userId: string, details: PendingDetails, source: PendingSource, sourceRef: string | null): Promise<void> {
    const code = randomUUID();
    await this.pending.submit(userId, code, details, source, sourceRef);
    await this.mail.send(moderatorMail(this.pendingEnv.MODERATOR_EMAIL, userId, details, decisionLinks(this.env.PUBLIC_BASE_URL, code)));
  }

  /** Audited with the membership it grants (the code itself is never recorded). */
  async approve(code: string, actor: AuditActor): Promise<{ status: 'approved'; participant: ParticipantSummary | { id: string } }> {
    const pending = await this.byCode(code);
    if (pending.status === 'approved') return { status: 'approved', participant: { id: pending.participantId! } };
    if (pending.status !== 'submitted') throw DomainError.conflict(`Participant registration is ${pending.status}`, undefined, 'identity.pending.decided');
    // Claim it first so a double click cannot create two participants.
    if (!(await this.pending.claimApproval(code))) throw DomainError.conflict('Participant registration was decided meanwhile', undefined, 'identity.pending.decided');
    let participant: ParticipantSummary;
    try {
      participant = await this.createParticipant(pending);
    } catch (error) {
      await this.pending.releaseApproval(code);
      throw error;
    }
    await this.transactions.run(async (tx) => {
      await this.pending.setParticipant(tx, code, participant.id);
      await this.memberships.insertIfAbsent(pending.userId, participant.id, REGISTRANT_ROLES, tx);
      await this.audit.record(tx, actor, AuditAction.RegistrationApprove, {
        target: pending.userId, owner: participant.id, before: { status: 'submitted' }, after: { status: 'approved', roles: REGISTRANT_ROLES },
      });
    });
    await this.sessionRoles.apply(pending.userId, participant.id, REGISTRANT_ROLES);
    this.logger.log({ msg: 'participant registration approved', userId: pending.userId, participantId: participant.id });
    return { status: 'approved', participant };
  }

  /** Brand unlock: billing creates the participant now; a registration billing recorded: billing approves that request. */
  private createParticipant(pending: PendingParticipantEntity): Promise<ParticipantSummary> {
    if (pending.source === 'registration') {
      return this.callBilling<ParticipantSummary>(BillingPattern.RegistrationApprove, { userId: pending.userId } satisfies RegistrationDecisionDto);
    }
    return this.callBilling<ParticipantSummary>(BillingPattern.ParticipantCreate, {
      name: pending.details.name!, company_prefix: pending.details.company_prefix!, country: pending.details.country,
      participant_type: pending.details.participant_type as CreateParticipantDto['participant_type'], pending_plan: pending.details.pending_plan,
      gs1_activation_code: pending.details.gs1_activation_code, userId: pending.userId,
    } satisfies CreateParticipantDto);
  }

  async reject(code: string, actor: AuditActor, reason?: string): Promise<{ status: 'rejected' }> {
    const pending = await this.byCode(code);
    if (pending.status === 'approved') throw DomainError.conflict('Participant registration is already approved', undefined, 'identity.pending.decided');
    if (pending.status === 'rejected' && reason === undefined) return { status: 'rejected' };
    if (pending.source === 'registration' && pending.status !== 'rejected') {
      await this.callBilling(BillingPattern.RegistrationReject, { userId: pending.userId } satisfies RegistrationDecisionDto);
    }
    await this.transactions.run(async (tx) => {
      await this.pending.reject(tx, pending.userId, reason ?? pending.reason);
      await this.audit.record(tx, actor, AuditAction.RegistrationReject, {
        target: pending.userId, before: { status: pending.status, reason: pending.reason ?? null }, after: { status: 'rejected', reason: reason ?? pending.reason ?? null },
      });
    });
    const user = await this.users.findById(pending.userId);
    if (user?.email && pending.status !== 'rejected') await this.mail.send(rejectionMail(user.email, pending.details.name, reason ?? null));
    this.logger.log({ msg: 'participant registration rejected', userId: pending.userId });
    return { status: 'rejected' };
  }

  /** For automated tests (system users): the current decision code of a user's registration. */
  async codeFor(userId: string): Promise<{ code: string }> {
    const pending = await this.pending.findByUser(userId);
    if (!pending || pending.status === 'draft') throw DomainError.notFound('Pending participant not found', 'identity.pending.not_found');
    return { code: pending.code };
  }

  private async byCode(code: string): Promise<PendingParticipantEntity> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(code);
    const pending = uuid ? await this.pending.findByCode(code.toLowerCase()) : null;
    if (!pending || pending.status === 'draft') throw DomainError.notFound('Pending participant not found', 'identity.pending.not_found');
    return pending;
  }

  /** The card goes to billing only: no log line, table or event here ever holds it. */
  private async attachCard(userId: string, card: PendingParticipantCardDto): Promise<void> {
    await this.callBilling(BillingPattern.CustomerAttachCard, { userId, card: { ...card } } satisfies AttachCardDto);
  }

  private callBilling<T>(pattern: string, data: unknown): Promise<T> {
    return firstValueFrom(this.billing.send<T>(pattern, new StreamRecord(data, {}, { timeoutMs: BILLING_TIMEOUT_MS })));
  }
}

function clean(details: PendingDetails): PendingDetails {
  return Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined && v !== null)) as PendingDetails;
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { type AuditActor, AuditRecorder } from '#libs/audit';
import { AuditAction, PARTICIPANT_DELETION_ACKERS, type DeletionStatusView, Events } from '#libs/contracts';
import { RedisStreamsClient } from '#libs/transport';
import { BillingErrorCode, billingError, participantNotFound } from '../common/billing-errors.js';
import { IDENTITY_CLIENT } from '../common/outbound.module.js';
import { ParticipantsRepository } from '../participants/participants.repository.js';
import { CustomersService } from '../stripe/customers.service.js';
import type { DeletionRequest } from './deletion-request.entity.js';
import { DeletionRequestsRepository } from './deletion-requests.repository.js';

/**
 * Deleting a participant: billing's own part (participant marked deleted, prefixes freed, Stripe
 * customer removed) happens at once; `participant.deleted` asks identity, rewards and
 * certificates for theirs, and the request is `done` when all three acknowledged it.
 * Asking again is idempotent: the same request id, and the event is sent again while in progress.
 */
@Injectable()
export class DeletionService {
  private readonly logger = new Logger('Deletion');

  constructor(
    private readonly participants: ParticipantsRepository,
    private readonly requests: DeletionRequestsRepository,
    private readonly customers: CustomersService,
    @Inject(IDENTITY_CLIENT) private readonly events: RedisStreamsClient,
    private readonly audit: AuditRecorder,
  ) {}

  /** The first request is audited with the deletion (asking again records nothing). */
  async request(participantId: string, actor: AuditActor): Promise<DeletionStatusView> {
    const requestedBy = actor.userId;
    const request = await this.requests.transaction(async (manager) => {
      const participant = await this.participants.lock(manager, participantId, { activeOnly: false });
      if (!participant) throw participantNotFound(participantId);
      const existing = await this.requests.findByParticipant(manager, participantId);
      if (existing) return existing;
      if (participant.status !== 'active') throw participantNotFound(participantId);
      const created = await this.requests.insert(manager, {
        requestId: randomUUID(), participantId, status: 'in_progress', acknowledged: [], requestedBy, completedAt: null,
      });
      await this.participants.update(manager, participantId, { status: 'deleted', deletedAt: new Date() });
      await this.participants.deletePrefixes(manager, participantId);
      await this.audit.record(manager, actor, AuditAction.ParticipantDelete, {
        target: participantId, before: { status: participant.status, name: participant.name }, after: { status: 'deleted', deletion_request_id: created.requestId },
      });
      return created;
    });
    if (request.status === 'in_progress') {
      await this.removeCustomer(participantId);
      await firstValueFrom(this.events.emit(Events.ParticipantDeleted, { participantId, requestId: request.requestId }), { defaultValue: null })
        .catch((error) => this.logger.warn({ msg: 'participant.deleted not emitted; retried on the next DELETE', participantId, kind: error?.kind }));
    }
    return view(request);
  }

  async status(requestId: string): Promise<DeletionStatusView> {
    const found = await this.requests.findByRequestId(requestId);
    if (!found) throw billingError(BillingErrorCode.DeletionNotFound, 'Deletion request not found');
    return view(found);
  }

  async acknowledge(requestId: string, service: string): Promise<DeletionStatusView> {
    return this.requests.transaction(async (manager) => {
      const found = await this.requests.lockByRequestId(manager, requestId);
      if (!found) throw billingError(BillingErrorCode.DeletionNotFound, 'Deletion request not found');
      const acknowledged = found.acknowledged.includes(service) ? found.acknowledged : [...found.acknowledged, service].sort();
      const done = PARTICIPANT_DELETION_ACKERS.every((s) => acknowledged.includes(s));
      const patch = { acknowledged, status: done ? 'done' as const : 'in_progress' as const, completedAt: done ? (found.completedAt ?? new Date()) : null };
      await this.requests.update(manager, requestId, patch);
      return view({ ...found, ...patch });
    });
  }

  private async removeCustomer(participantId: string): Promise<void> {
    try {
      await this.customers.delete({ type: 'participant', id: participantId });
    } catch (error) {
      this.logger.warn({ msg: 'stripe customer not removed; retried on the next DELETE', participantId, code: error?.code });
    }
  }
}

function view(r: DeletionRequest): DeletionStatusView {
  return { status: r.status, request_id: r.requestId, participant_id: r.participantId, acknowledged: r.acknowledged };
}

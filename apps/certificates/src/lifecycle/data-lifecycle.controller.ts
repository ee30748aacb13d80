import { Controller, Logger } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { BillingPattern, Events, type DeletionAckDto } from '#libs/contracts';
import { InjectTransportClient, RedisStreamsClient } from '#libs/transport';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ApiKeysRepository } from '../api-keys/api-keys.repository.js';
import { PaymentCertificatesRepository } from '../payment-certificates/payment-certificates.repository.js';
import { UserCertificatesRepository } from '../user-certificates/user-certificates.repository.js';
import { UserPresenceRepository } from '../user-certificates/user-presence.repository.js';

/** Events of other services; every handler is idempotent (events may be delivered again). */
@Controller()
export class DataLifecycleController {
  private readonly logger = new Logger('DataLifecycle');

  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly payment: PaymentCertificatesRepository,
    private readonly users: UserCertificatesRepository,
    private readonly presence: UserPresenceRepository,
    @InjectTransportClient('participants-billing') private readonly billing: RedisStreamsClient,
  ) {}

  /** The participant's payment certificates, API keys and stores (with their items and issued certificates) go. */
  @EventPattern(Events.ParticipantDeleted)
  async participantDeleted(@Payload() data: { participantId?: unknown; requestId?: unknown }) {
    if (typeof data?.participantId !== 'string' || data.participantId === '') return;
    await this.keys.deleteForParticipant(data.participantId);
    await this.payment.deleteForParticipant(data.participantId);
    await this.users.deleteForParticipant(data.participantId);
    this.logger.log({ msg: 'participant data deleted', participantId: data.participantId, requestId: data.requestId });
    // Billing reports the deletion done once every owner of coupled data acknowledged it.
    if (typeof data.requestId === 'string') {
      await firstValueFrom(this.billing.send(BillingPattern.ParticipantDeletionAck, { requestId: data.requestId, service: 'certificates' } satisfies DeletionAckDto));
    }
  }

  /** The user's certificates go; until the person registers again, none can be issued to the id. */
  @EventPattern(Events.UserDeleted)
  async userDeleted(@Payload() data: { userId?: unknown; deletedAt?: unknown }) {
    if (typeof data?.userId !== 'string' || data.userId === '') return;
    await this.presence.deleted(data.userId, timeOf(data.deletedAt) ?? new Date());
    await this.users.deleteForUser(data.userId);
  }

  @EventPattern(Events.UserProfile)
  async userProfile(@Payload() data: { userId?: unknown; registeredAt?: unknown }) {
    const at = timeOf(data?.registeredAt);
    if (typeof data?.userId !== 'string' || data.userId === '' || !at) return;
    await this.presence.registered(data.userId, at);
  }

  @EventPattern(Events.UserMerged)
  async userMerged(@Payload() data: { primaryUserId?: unknown; secondaryUserId?: unknown }) {
    const { primaryUserId, secondaryUserId } = data ?? {};
    if (typeof primaryUserId !== 'string' || typeof secondaryUserId !== 'string' || !primaryUserId || !secondaryUserId) return;
    await this.users.moveToUser(secondaryUserId, primaryUserId);
  }
}

function timeOf(value: unknown): Date | undefined {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value) : undefined;
}

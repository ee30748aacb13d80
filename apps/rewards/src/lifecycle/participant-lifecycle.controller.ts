import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { BillingPattern, Events, type DeletionAckDto } from '#libs/contracts';
import { InjectTransportClient, RedisStreamsClient } from '#libs/transport';

/**
 * Rewards keeps no data coupled to a participant (coins, claims and levels belong to users),
 * so a participant deletion needs only our acknowledgement for billing to report it done.
 */
@Controller()
export class ParticipantLifecycleController {
  private readonly logger = new Logger(ParticipantLifecycleController.name);

  constructor(@InjectTransportClient('participants-billing') private readonly billing: RedisStreamsClient) {}

  @EventPattern<string>(Events.ParticipantDeleted)
  async participantDeleted(@Payload() data: { participantId?: unknown; requestId?: unknown }): Promise<void> {
    if (typeof data?.requestId !== 'string' || data.requestId === '') return;
    await firstValueFrom(this.billing.send(BillingPattern.ParticipantDeletionAck, { requestId: data.requestId, service: 'rewards' } satisfies DeletionAckDto));
    this.logger.log({ msg: 'participant deletion acknowledged', participantId: data.participantId, requestId: data.requestId });
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { Events, type ParticipantChangedEvent, type ParticipantSummary } from '#libs/contracts';
import { RedisStreamsClient } from '#libs/transport';
import { IDENTITY_CLIENT } from '../common/outbound.module.js';

/** Tells identity what it shows of a participant, after the change is committed. */
@Injectable()
export class ParticipantEvents {
  private readonly logger = new Logger('ParticipantEvents');

  constructor(@Inject(IDENTITY_CLIENT) private readonly events: RedisStreamsClient) {}

  async changed(participant: ParticipantSummary): Promise<void> {
    const event: ParticipantChangedEvent = { participant, version: Date.now() };
    try {
      await firstValueFrom(this.events.emit(Events.ParticipantChanged, event), { defaultValue: null });
    } catch (error) {
      // Identity fetches a summary it does not have; the next change corrects a stale one.
      this.logger.warn({ msg: 'participant.changed not emitted', participantId: participant.id, kind: (error as { kind?: string })?.kind });
    }
  }
}

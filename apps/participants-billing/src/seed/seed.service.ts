import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SYSTEM_PARTICIPANT_ID } from '#libs/contracts';
import { ParticipantsRepository } from '../participants/participants.repository.js';
import { ParticipantEvents } from '../participants/participant-events.js';
import { ParticipantsService } from '../participants/participants.service.js';

export const SYSTEM_PARTICIPANT = {
  number: 1,
  name: 'Authenticateit Pty Ltd',
  prefixes: ['*'],
  modules: ['todo_cards', 'product360', 'reviews', 'livechat', 'rewards'],
  participantType: ['system'],
  parent: null,
};

/**
 * Creates the system participant at first start. Runs after every onModuleInit (migrations);
 * several replicas starting together are serialised by an advisory lock.
 */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(private readonly repo: ParticipantsRepository, private readonly participants: ParticipantsService, private readonly events: ParticipantEvents) {}

  async onApplicationBootstrap(): Promise<void> {
    const created = await this.repo.transaction(async (manager) => {
      await this.repo.lockSeed(manager);
      if (await this.repo.exists(manager, SYSTEM_PARTICIPANT_ID)) return false;
      await this.participants.create(SYSTEM_PARTICIPANT, manager);
      this.logger.log({ msg: 'system participant created', id: SYSTEM_PARTICIPANT_ID });
      return true;
    });
    if (created) await this.events.changed((await this.participants.summaries([SYSTEM_PARTICIPANT_ID]))[0]);
  }
}

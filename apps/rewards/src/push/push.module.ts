import { Module } from '@nestjs/common';
import { RewardsEventsModule } from '../events/events.module.js';
import { OutboxRepository } from './outbox.repository.js';
import { PushEmitter } from './push-emitter.js';

/** Pushes to users' devices: recorded in the outbox, handed to identity as `push.requested`. */
@Module({
  imports: [RewardsEventsModule],
  providers: [PushEmitter, OutboxRepository],
  exports: [PushEmitter, OutboxRepository],
})
export class PushModule {}

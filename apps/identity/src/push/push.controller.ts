import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Events, type PushRequest, type PushRequestedEvent } from '#libs/contracts';
import { PushQueue } from './push-queue.service.js';

@Controller()
export class PushController {
  constructor(private readonly queue: PushQueue) {}

  /** Rewards recorded pushes: one delivery per device of each user (idempotent per message id). */
  @EventPattern(Events.PushRequested)
  async requested(@Payload() event: PushRequestedEvent | PushRequest): Promise<void> {
    await this.queue.enqueue(event);
  }
}

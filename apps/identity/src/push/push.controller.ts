import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Events, type PushRequestedEvent } from '#libs/contracts';
import { PushQueue } from './push-queue.service.js';

@Controller()
export class PushController {
  constructor(private readonly queue: PushQueue) {}

  /** Rewards recorded a push for a user: one delivery per device (idempotent per message id). */
  @EventPattern(Events.PushRequested)
  async requested(@Payload() event: PushRequestedEvent): Promise<void> {
    await this.queue.enqueue(event);
  }
}

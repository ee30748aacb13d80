import { Inject, Injectable, Logger } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { RedisStreamsClient } from '#libs/transport';
import { Events } from '#libs/contracts';

export const EVENTS_CLIENT = Symbol('identity.events-client');

/** Events identity publishes for the services that keep data per user. */
@Injectable()
export class IdentityEvents {
  private readonly logger = new Logger(IdentityEvents.name);
  constructor(@Inject(EVENTS_CLIENT) private readonly client: RedisStreamsClient) {}

  async userDeleted(userId: string): Promise<void> {
    try {
      await firstValueFrom(this.client.emit(Events.UserDeleted, { userId }), { defaultValue: null });
    } catch (error) {
      // The account is gone either way; other services clean up on their own schedule.
      this.logger.error(`could not emit ${Events.UserDeleted} for ${userId}: ${(error as Error)?.message ?? String(error)}`);
    }
  }
}

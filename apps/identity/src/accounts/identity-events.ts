import { Inject, Injectable, Logger } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { RedisStreamsClient } from '#libs/transport';

export const EVENTS_CLIENT = Symbol('identity.events-client');
export const USER_DELETED_EVENT = 'user.deleted';

/** Events identity publishes for the services that keep data per user. */
@Injectable()
export class IdentityEvents {
  private readonly logger = new Logger(IdentityEvents.name);
  constructor(@Inject(EVENTS_CLIENT) private readonly client: RedisStreamsClient) {}

  async userDeleted(userId: string): Promise<void> {
    try {
      await firstValueFrom(this.client.emit(USER_DELETED_EVENT, { userId }), { defaultValue: null });
    } catch (error) {
      // The account is gone either way; other services clean up on their own schedule.
      this.logger.error(`could not emit ${USER_DELETED_EVENT} for ${userId}: ${(error as Error)?.message ?? String(error)}`);
    }
  }
}

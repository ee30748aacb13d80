import { Inject, Injectable, Logger } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { Events, type UserDeletedEvent, type UserProfileEvent } from '#libs/contracts';
import { RedisStreamsClient } from '#libs/transport';
import type { UserEntity } from './user.entity.js';

export const EVENTS_CLIENT = Symbol('identity.events-client');

/** Events identity publishes for the services that keep data per user. */
@Injectable()
export class IdentityEvents {
  private readonly logger = new Logger(IdentityEvents.name);
  constructor(@Inject(EVENTS_CLIENT) private readonly client: RedisStreamsClient) {}

  /** After an account was created, or its name, photo or time zone changed. */
  async userProfile(user: UserEntity): Promise<void> {
    const event: UserProfileEvent = {
      userId: user.id, registeredAt: user.createdAt.toISOString(), firstName: user.firstName, lastName: user.lastName, photo: user.photo,
      ...(user.timezoneMin !== null && user.timezoneMin !== undefined ? { timezoneMin: user.timezoneMin } : {}),
    };
    await this.emit(Events.UserProfile, event, user.id);
  }

  async userDeleted(userId: string, deletedAt = new Date()): Promise<void> {
    await this.emit(Events.UserDeleted, { userId, deletedAt: deletedAt.toISOString() } satisfies UserDeletedEvent, userId);
  }

  /** The change is committed either way; the other services reconcile on their own schedule. */
  private async emit(event: string, data: unknown, userId: string): Promise<void> {
    try {
      await firstValueFrom(this.client.emit(event, data), { defaultValue: null });
    } catch (error) {
      this.logger.error(`could not emit ${event} for ${userId}: ${(error as Error)?.message ?? String(error)}`);
    }
  }
}

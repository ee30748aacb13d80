import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Events, type UserStatsEvent } from '#libs/contracts';
import { RedisStreamsClient, transportOptionsFrom } from '#libs/transport';
import { RewardsEnv } from '../config/rewards-env.js';

/**
 * Emits `user.stats` for identity's users admin read model after an input changed a statistic.
 * Sends current values (`set`) wherever rewards knows them, so a redelivery is harmless.
 * Fire and forget: the input is already committed; a lost event is corrected by the next one.
 */
@Injectable()
export class UserStatsEmitter implements OnApplicationShutdown {
  private readonly logger = new Logger('UserStats');
  private readonly client: RedisStreamsClient;

  constructor(env: RewardsEnv) {
    this.client = new RedisStreamsClient({ ...transportOptionsFrom(env), caller: 'rewards' });
  }

  emit(event: UserStatsEvent): void {
    this.client.emit(Events.UserStats, event).subscribe({
      error: (error: unknown) => this.logger.warn(`user.stats for ${event.userId} not sent: ${JSON.stringify(error)}`),
    });
  }

  set(userId: string, set: NonNullable<UserStatsEvent['set']>): void {
    this.emit({ userId, set });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}

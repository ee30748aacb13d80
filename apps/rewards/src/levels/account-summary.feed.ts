import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { Events, type UserAccountSummariesEvent } from '#libs/contracts';
import type { RedisStreamsClient } from '#libs/transport';
import { EVENTS_CLIENT } from '../events/events.module.js';
import { AccountSummaryFeedRepository } from './account-summary-feed.repository.js';
import { LevelsService } from './levels.service.js';

const EVERY_MS = 250;
const USERS_PER_PASS = 1000;

/**
 * Sends identity the account summaries (coins, level info, dashboard) of users whose data changed
 * (marked by triggers, see migration AccountSummaryFeed): a pass every 250 ms takes up to 1,000 of
 * them (SKIP LOCKED: replicas share the work), computes them in two statements and emits one
 * batched event; a full pass is followed by the next at once. A failed computation or emit marks
 * them again. A change is visible in identity well under a second later.
 */
@Injectable()
export class AccountSummaryFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AccountSummaryFeed');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(private readonly dirty: AccountSummaryFeedRepository, private readonly levels: LevelsService, @Inject(EVENTS_CLIENT) private readonly client: RedisStreamsClient) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.passes().catch((err) => this.logger.warn(`pass failed: ${String(err)}`)).finally(() => { this.running = undefined; });
    }, EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running; // the shared client closes after this (RewardsEventsModule)
  }

  /** Passes until one takes less than a full batch (a backlog drains without waiting for the timer). */
  private async passes(): Promise<void> {
    while (await this.pass() === USERS_PER_PASS && !this.stopped) { /* next pass */ }
  }

  /** One pass; answers how many users it took. */
  async pass(): Promise<number> {
    const users = await this.dirty.take(USERS_PER_PASS);
    if (users.length === 0) return 0;
    try {
      const summaries = await this.levels.accountSummaries(users);
      if (summaries.length > 0) {
        await firstValueFrom(this.client.emit(Events.UserAccountSummaries, { summaries } satisfies UserAccountSummariesEvent), { defaultValue: null });
      }
    } catch (error) {
      await this.dirty.mark(users);
      throw error;
    }
    return users.length;
  }
}

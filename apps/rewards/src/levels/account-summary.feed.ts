import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { Events, type UserAccountSummariesEvent } from '#libs/contracts';
import { RedisStreamsClient, transportOptionsFrom } from '#libs/transport';
import { RewardsEnv } from '../config/rewards-env.js';
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
  private readonly client: RedisStreamsClient;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(@Inject(DataSource) private readonly ds: DataSource, private readonly levels: LevelsService, env: RewardsEnv) {
    this.client = new RedisStreamsClient({ ...transportOptionsFrom(env), caller: 'rewards' });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.passes().catch((err) => this.logger.warn(`pass failed: ${String(err)}`)).finally(() => { this.running = undefined; });
    }, EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    await this.client.close();
  }

  /** Passes until one takes less than a full batch (a backlog drains without waiting for the timer). */
  private async passes(): Promise<void> {
    while (await this.pass() === USERS_PER_PASS && !this.stopped) { /* next pass */ }
  }

  /** One pass; answers how many users it took. */
  async pass(): Promise<number> {
    // A CTE so the driver answers plain rows (a bare DELETE answers [rows, count] through TypeORM).
    const users = (await this.ds.query(`WITH taken AS (DELETE FROM rewards.account_summary_dirty WHERE user_id IN (
        SELECT user_id FROM rewards.account_summary_dirty ORDER BY marked_at LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING user_id)
      SELECT user_id FROM taken`, [USERS_PER_PASS]) as { user_id: string }[]).map((r) => r.user_id);
    if (users.length === 0) return 0;
    try {
      const summaries = await this.levels.accountSummaries(users);
      if (summaries.length > 0) {
        await firstValueFrom(this.client.emit(Events.UserAccountSummaries, { summaries } satisfies UserAccountSummariesEvent), { defaultValue: null });
      }
    } catch (error) {
      await this.ds.query('INSERT INTO rewards.account_summary_dirty (user_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [users]);
      throw error;
    }
    return users.length;
  }
}

import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { Events, type UserAccountSummariesEvent, type UserAccountSummary } from '#libs/contracts';
import { RedisStreamsClient, transportOptionsFrom } from '#libs/transport';
import { RewardsEnv } from '../config/rewards-env.js';
import { LevelsService } from './levels.service.js';

const EVERY_MS = 250;
const USERS_PER_PASS = 500;
const CONCURRENCY = 8;

/**
 * Sends identity the account summaries (coins, level info, dashboard) of users whose data changed
 * (marked by triggers, see migration AccountSummaryFeed): a pass every 250 ms takes up to 500 of
 * them (SKIP LOCKED: replicas share the work), computes and emits one batched event. A failed
 * emit marks them again. A change is visible in identity well under a second later.
 */
@Injectable()
export class AccountSummaryFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AccountSummaryFeed');
  private readonly client: RedisStreamsClient;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(@Inject(DataSource) private readonly ds: DataSource, private readonly levels: LevelsService, env: RewardsEnv) {
    this.client = new RedisStreamsClient({ ...transportOptionsFrom(env), caller: 'rewards' });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.pass().catch((err) => this.logger.warn(`pass failed: ${String(err)}`)).finally(() => { this.running = undefined; });
    }, EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.client.close();
  }

  /** One pass; answers how many users it sent. */
  async pass(): Promise<number> {
    // A CTE so the driver answers plain rows (a bare DELETE answers [rows, count] through TypeORM).
    const users = (await this.ds.query(`WITH taken AS (DELETE FROM rewards.account_summary_dirty WHERE user_id IN (
        SELECT user_id FROM rewards.account_summary_dirty ORDER BY marked_at LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING user_id)
      SELECT user_id FROM taken`, [USERS_PER_PASS]) as { user_id: string }[]).map((r) => r.user_id);
    if (users.length === 0) return 0;
    const summaries = await this.compute(users);
    try {
      if (summaries.length > 0) {
        await firstValueFrom(this.client.emit(Events.UserAccountSummaries, { summaries } satisfies UserAccountSummariesEvent), { defaultValue: null });
      }
    } catch (error) {
      await this.ds.query('INSERT INTO rewards.account_summary_dirty (user_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [users]);
      throw error;
    }
    return summaries.length;
  }

  /** Deleted or merged users have no summary: identity drops its copy with the account itself. */
  private async compute(users: string[]): Promise<UserAccountSummary[]> {
    const out: UserAccountSummary[] = [];
    for (let i = 0; i < users.length; i += CONCURRENCY) {
      const chunk = await Promise.all(users.slice(i, i + CONCURRENCY).map((id) => this.levels.accountSummary(id).catch(() => undefined)));
      for (const s of chunk) if (s) out.push(s);
    }
    return out;
  }
}

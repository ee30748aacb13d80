import { Inject, Injectable, Logger } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { type AccountLevelInfoRequestDto, RewardsPattern, type UserAccountSummary } from '#libs/contracts';
import { RedisStreamsClient, StreamRecord, transportClientToken } from '#libs/transport';
import { IdentityEnv } from '../config/identity-env.js';
import { AccountSummariesRepository } from './account-summaries.repository.js';

export const REWARDS_CLIENT = transportClientToken('rewards');

/**
 * Asks rewards for a user's account summary when identity's copy is missing or its texts have
 * expired, and keeps the answer; undefined when rewards is down or late.
 */
@Injectable()
export class AccountSummaryClient {
  private readonly logger = new Logger(AccountSummaryClient.name);

  constructor(@Inject(REWARDS_CLIENT) private readonly rewards: RedisStreamsClient, private readonly env: IdentityEnv, private readonly summaries: AccountSummariesRepository) {}

  async refresh(userId: string): Promise<UserAccountSummary | undefined> {
    try {
      const summary = await firstValueFrom(this.rewards.send<UserAccountSummary>(
        RewardsPattern.AccountLevelInfo, new StreamRecord<AccountLevelInfoRequestDto>({ userId }, {}, { timeoutMs: this.env.REWARDS_TIMEOUT_MS })));
      await this.summaries.store([summary]);
      return summary;
    } catch (error) {
      const reason = (error as { kind?: string; message?: string })?.kind ?? (error as Error)?.message ?? String(error);
      this.logger.warn(`rewards account summary unavailable (${reason}); answering the account without level_info and dashboard_info`);
      return undefined;
    }
  }
}

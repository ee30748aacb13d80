import { Inject, Injectable, Logger } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { type AccountLevelInfo, RewardsPattern } from '#libs/contracts';
import { RedisStreamsClient, StreamRecord, transportClientToken } from '#libs/transport';
import { IdentityEnv } from '../config/identity-env.js';

export const REWARDS_CLIENT = transportClientToken('rewards');

/** level_info and dashboard_info of GET /account, owned by rewards; undefined when rewards is down or late. */
@Injectable()
export class LevelInfoClient {
  private readonly logger = new Logger(LevelInfoClient.name);

  constructor(@Inject(REWARDS_CLIENT) private readonly rewards: RedisStreamsClient, private readonly env: IdentityEnv) {}

  async forUser(userId: string): Promise<AccountLevelInfo | undefined> {
    try {
      return await firstValueFrom(this.rewards.send<AccountLevelInfo>(
        RewardsPattern.AccountLevelInfo, new StreamRecord({ userId }, {}, { timeoutMs: this.env.REWARDS_TIMEOUT_MS })));
    } catch (error) {
      const reason = (error as { kind?: string; message?: string })?.kind ?? (error as Error)?.message ?? String(error);
      this.logger.warn(`rewards level info unavailable (${reason}); answering the account without level_info and dashboard_info`);
      return undefined;
    }
  }
}

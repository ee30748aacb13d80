import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Events, type UserAccountSummariesEvent, type UserAccountSummary } from '#libs/contracts';
import { AccountSummariesRepository } from './account-summaries.repository.js';

const valid = (s: Partial<UserAccountSummary>) => typeof s?.userId === 'string' && Number.isSafeInteger(s.version)
  && typeof s.coins === 'string' && /^\d{1,78}$/.test(s.coins) && typeof s.pendingCoins === 'string' && /^\d{1,78}$/.test(s.pendingCoins)
  && typeof s.validUntil === 'string' && !Number.isNaN(Date.parse(s.validUntil)) && typeof s.level_info === 'object' && typeof s.dashboard_info === 'object';

/** rewards' `user.account-summaries`: malformed entries are dropped (nobody to answer). */
@Controller()
export class AccountSummariesController {
  constructor(private readonly summaries: AccountSummariesRepository) {}

  @EventPattern(Events.UserAccountSummaries)
  async apply(@Payload() data: Partial<UserAccountSummariesEvent>) {
    if (!Array.isArray(data?.summaries)) return;
    await this.summaries.store(data.summaries.filter(valid));
  }
}

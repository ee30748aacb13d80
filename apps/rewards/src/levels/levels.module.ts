import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { RewardsEventsModule } from '../events/events.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { AccountSummaryFeedRepository } from './account-summary-feed.repository.js';
import { AccountSummaryFeed } from './account-summary.feed.js';
import { LevelsController } from './levels.controller.js';
import { LevelsRepository } from './levels.repository.js';
import { LevelsService } from './levels.service.js';
import { MonthEndRepository } from './month-end.repository.js';

/** Levels: a user's level and progress, the account summaries identity shows, the month-end recomputation's statements. */
@Module({
  imports: [CommonModule, LedgerModule, RewardsEventsModule],
  controllers: [LevelsController],
  providers: [LevelsService, LevelsRepository, AccountSummaryFeed, AccountSummaryFeedRepository, MonthEndRepository],
  exports: [LevelsService, LevelsRepository, MonthEndRepository],
})
export class LevelsModule {}

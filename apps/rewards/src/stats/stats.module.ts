import { Module } from '@nestjs/common';
import { RewardsEventsModule } from '../events/events.module.js';
import { UserStatsController } from './user-stats.controller.js';
import { UserStatsEmitter } from './user-stats.emitter.js';
import { UserStatsReader } from './user-stats.reader.js';
import { UserStatsRepository } from './user-stats.repository.js';

/** What identity's users admin shows from rewards: `user.stats` snapshots after changes, and batches on request. */
@Module({
  imports: [RewardsEventsModule],
  controllers: [UserStatsController],
  providers: [UserStatsEmitter, UserStatsReader, UserStatsRepository],
  exports: [UserStatsEmitter],
})
export class StatsModule {}

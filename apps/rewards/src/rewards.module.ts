import { LifecycleModule } from './lifecycle/lifecycle.module.js';
import { Module } from '@nestjs/common';
import { AdminController } from './admin/admin.controller.js';
import { AdminReadService } from './admin/admin-read.service.js';
import { AdminWriteService } from './admin/admin-write.service.js';
import { RulesCatalog } from './common/rules-catalog.service.js';
import { RewardsConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { InputsController } from './inputs/inputs.controller.js';
import { InputsService } from './inputs/inputs.service.js';
import { JobsService } from './jobs/jobs.service.js';
import { OpsController } from './jobs/ops.controller.js';
import { LevelsController } from './levels/levels.controller.js';
import { AccountSummaryFeed } from './levels/account-summary.feed.js';
import { LevelsService } from './levels/levels.service.js';
import { UserStatsEmitter } from './stats/user-stats.emitter.js';
import { PushEmitter } from './push/push-emitter.js';
import { UserStatsController } from './stats/user-stats.controller.js';
import { UserStatsReader } from './stats/user-stats.reader.js';
import { UserLifecycleController } from './lifecycle/user-lifecycle.controller.js';
import { UserLifecycleService } from './lifecycle/user-lifecycle.service.js';
import { AuditTrailModule } from './audit/audit-trail.module.js';

/** Scans, claims, coins ledger, levels, earnings, timeline, buddies, reminders, bans, transactions. */
@Module({
  imports: [RewardsConfigModule, DatabaseModule, LifecycleModule, AuditTrailModule],
  controllers: [InputsController, LevelsController, AdminController, OpsController, UserLifecycleController, UserStatsController],
  providers: [RulesCatalog, InputsService, LevelsService, AdminReadService, AdminWriteService, JobsService, UserStatsReader, UserStatsEmitter, PushEmitter,
    UserLifecycleService, AccountSummaryFeed],
})
export class RewardsModule {}

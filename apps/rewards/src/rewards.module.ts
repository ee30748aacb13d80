import { Module } from '@nestjs/common';
import { AdminModule } from './admin/admin.module.js';
import { AUDIT_TRAIL } from './audit/audit-trail.js';
import { RewardsConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { InputsModule } from './inputs/inputs.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { LevelsModule } from './levels/levels.module.js';
import { LifecycleModule } from './lifecycle/lifecycle.module.js';
import { StatsModule } from './stats/stats.module.js';

/**
 * Scans, claims, coins ledger, levels, earnings, timeline, buddies, reminders, bans, transactions:
 * one module per feature folder (each owns its repositories), put together here.
 */
@Module({
  imports: [RewardsConfigModule, DatabaseModule, AUDIT_TRAIL, InputsModule, LevelsModule, AdminModule, JobsModule, StatsModule, LifecycleModule],
})
export class RewardsModule {}

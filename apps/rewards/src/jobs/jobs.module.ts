import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { LevelsModule } from '../levels/levels.module.js';
import { PushModule } from '../push/push.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { StatsModule } from '../stats/stats.module.js';
import { JobsService } from './jobs.service.js';
import { OpsController } from './ops.controller.js';

/** Scheduled jobs (month-end, reminders, push relay) and the operators' patterns. */
@Module({
  imports: [CommonModule, LedgerModule, LevelsModule, PushModule, RemindersModule, StatsModule],
  controllers: [OpsController],
  providers: [JobsService],
})
export class JobsModule {}

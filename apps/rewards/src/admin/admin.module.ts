import { Module } from '@nestjs/common';
import { transportClientProvider } from '#libs/transport';
import { ClaimsModule } from '../claims/claims.module.js';
import { CommonModule } from '../common/common.module.js';
import { RewardsEnv } from '../config/rewards-env.js';
import { InputsModule } from '../inputs/inputs.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { LevelsModule } from '../levels/levels.module.js';
import { PushModule } from '../push/push.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { StatsModule } from '../stats/stats.module.js';
import { AdminController } from './admin.controller.js';
import { AdminReadService } from './admin-read.service.js';
import { AdminWriteService } from './admin-write.service.js';

/** The users management routes of the doc (sys-admin): reads over every feature's tables, bans, cashout status, timeline messages. */
@Module({
  imports: [CommonModule, ClaimsModule, InputsModule, LedgerModule, LevelsModule, PushModule, RemindersModule, StatsModule],
  controllers: [AdminController],
  providers: [AdminReadService, AdminWriteService,
    // Users of a transaction hash are shown with identity's profile fields (AdminReadService.usersByHash).
    transportClientProvider({ service: 'identity', caller: 'rewards', env: RewardsEnv, timeoutMs: 2000 })],
})
export class AdminModule {}

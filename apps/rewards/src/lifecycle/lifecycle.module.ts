import { Module } from '@nestjs/common';
import { transportClientProvider } from '#libs/transport';
import { RewardsEnv } from '../config/rewards-env.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { StatsModule } from '../stats/stats.module.js';
import { ParticipantLifecycleController } from './participant-lifecycle.controller.js';
import { UserLifecycleController } from './user-lifecycle.controller.js';
import { UserLifecycleRepository } from './user-lifecycle.repository.js';
import { UserLifecycleService } from './user-lifecycle.service.js';

/** Identity's account events (profile, deletion, merge) and billing's participant deletion. */
@Module({
  imports: [LedgerModule, StatsModule],
  controllers: [ParticipantLifecycleController, UserLifecycleController],
  providers: [UserLifecycleService, UserLifecycleRepository,
    transportClientProvider({ service: 'participants-billing', caller: 'rewards', env: RewardsEnv, timeoutMs: 5000 })],
})
export class LifecycleModule {}

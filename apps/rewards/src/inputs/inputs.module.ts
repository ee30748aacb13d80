import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module.js';
import { CommonModule } from '../common/common.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { StatsModule } from '../stats/stats.module.js';
import { ActivityRepository } from './activity.repository.js';
import { InputsController } from './inputs.controller.js';
import { InputsService } from './inputs.service.js';
import { ProcessedInputsRepository } from './processed-inputs.repository.js';
import { ScansRepository } from './scans.repository.js';

/** Inputs other services send in (scans, contributions, buddies, cashouts, deposits, widget views, claim decisions), once per idempotency key. */
@Module({
  imports: [CommonModule, ClaimsModule, LedgerModule, StatsModule],
  controllers: [InputsController],
  providers: [InputsService, ProcessedInputsRepository, ScansRepository, ActivityRepository],
  exports: [ScansRepository, ActivityRepository],
})
export class InputsModule {}

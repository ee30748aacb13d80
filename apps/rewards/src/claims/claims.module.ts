import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { ClaimsRepository } from './claims.repository.js';
import { ClaimsService } from './claims.service.js';

/** Claims: created by inputs, decided by their senders, listed by the admin. */
@Module({
  imports: [CommonModule, LedgerModule],
  providers: [ClaimsService, ClaimsRepository],
  exports: [ClaimsService, ClaimsRepository],
})
export class ClaimsModule {}

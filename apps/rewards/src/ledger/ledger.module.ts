import { Module } from '@nestjs/common';
import { LedgerRepository } from './ledger.repository.js';
import { TransactionsRepository } from './transactions.repository.js';

/** Coins: the append-only ledger with its cached balances, and the transactions that move them. */
@Module({
  providers: [LedgerRepository, TransactionsRepository],
  exports: [LedgerRepository, TransactionsRepository],
})
export class LedgerModule {}

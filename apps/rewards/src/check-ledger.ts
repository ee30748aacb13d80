// Re-derives every balance from the append-only ledger and reports differences (exit 1 if any).
import 'reflect-metadata';
import { loadConfigOrExit } from '#libs/config';
import { RewardsEnv } from './config/rewards-env.js';
import { rewardsDataSource } from './database/database.module.js';
import { LedgerRepository } from './ledger/ledger.repository.js';

const env = loadConfigOrExit(RewardsEnv);
const dataSource = await rewardsDataSource(env.DATABASE_URL, 2).initialize();
try {
  const result = await new LedgerRepository(dataSource).check();
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exitCode = result.differences.length > 0 ? 1 : 0;
} finally {
  await dataSource.destroy();
}

// Runs the rewards migrations and exits (for a Kubernetes Job / `npm run migrate`).
import 'reflect-metadata';
import { loadConfigOrExit } from '#libs/config';
import { runMigrations } from '#libs/database';
import { RewardsEnv } from './config/rewards-env.js';
import { rewardsDataSource } from './database/database.module.js';
import { REWARDS_SCHEMA } from './database/rewards-schema.js';

const env = loadConfigOrExit(RewardsEnv);
const dataSource = await rewardsDataSource(env.DATABASE_URL, 2).initialize();
try {
  const applied = await runMigrations(dataSource, REWARDS_SCHEMA);
  process.stdout.write(`rewards: ${applied.length ? `applied ${applied.join(', ')}` : 'no pending migrations'}\n`);
} finally {
  await dataSource.destroy();
}

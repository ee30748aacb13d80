// Runs the rewards migrations and exits (for a Kubernetes Job / `npm run migrate`).
import 'reflect-metadata';
import { loadConfigOrExit } from '#libs/config';
import { migrateAndReport } from '#libs/database';
import { RewardsEnv } from './config/rewards-env.js';
import { rewardsDataSourceOptions } from './database/database.module.js';
import { REWARDS_SCHEMA } from './database/rewards-schema.js';

const env = loadConfigOrExit(RewardsEnv);
await migrateAndReport('rewards', REWARDS_SCHEMA, rewardsDataSourceOptions(env.DATABASE_URL, 2));

import 'reflect-metadata';
import { loadConfigOrExit } from '#libs/config';
import { runService } from '#libs/service-runtime';
import { RewardsEnv } from './config/rewards-env.js';
import { RewardsModule } from './rewards.module.js';

const env = loadConfigOrExit(RewardsEnv);
await runService({ service: 'rewards', module: RewardsModule, env });

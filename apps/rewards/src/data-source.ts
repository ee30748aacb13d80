// For the typeorm CLI: `npx typeorm migration:run -d dist/apps/rewards/src/data-source.js`.
import 'reflect-metadata';
import { rewardsDataSource } from './database/database.module.js';

export default rewardsDataSource(process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/rewards');

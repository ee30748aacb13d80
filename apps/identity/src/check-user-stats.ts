// Re-derives the users admin read model from its owners (identity's own tables, rewards over the
// transport) and reports differences; `--fix` writes the owners' values; `--users <id,id>` checks
// only those users. Exit 1 if anything differed.
//   node dist/apps/identity/src/check-user-stats.js [--fix] [--users urn:authenticateit:user:email:a@b.c]
import 'reflect-metadata';
import { firstValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { RewardsPattern, type UserStatsBatchDto, type UserStatsBatchResult } from '#libs/contracts';
import { loadConfigOrExit } from '#libs/config';
import { serviceDataSourceOptions } from '#libs/database';
import { RedisStreamsClient, StreamRecord, transportOptionsFrom } from '#libs/transport';
import { IdentityEnv } from './config/identity-env.js';
import { IDENTITY_ENTITIES, IDENTITY_MIGRATIONS, IDENTITY_SCHEMA } from './database/identity-schema.js';
import { Transactions } from './database/transactions.js';
import { UserSearchRepository } from './users-admin/user-search.repository.js';
import { UserSearchCheckRepository } from './users-admin/user-search-check.repository.js';
import { UserStatsCheck } from './users-admin/user-stats-check.js';
import { UserStatsService } from './users-admin/user-stats.service.js';

const env = loadConfigOrExit(IdentityEnv);
const fix = process.argv.includes('--fix');
const usersArg = process.argv.indexOf('--users');
const users = usersArg > 0 ? (process.argv[usersArg + 1] ?? '').split(',').filter(Boolean) : undefined;
const dataSource = await new DataSource(serviceDataSourceOptions({
  schema: IDENTITY_SCHEMA, url: env.DATABASE_URL, entities: IDENTITY_ENTITIES, migrations: IDENTITY_MIGRATIONS, poolSize: 2,
})).initialize();
const rewards = new RedisStreamsClient({ ...transportOptionsFrom(env), service: 'rewards', caller: 'identity', timeoutMs: 20_000 });
try {
  const ask = async (userIds: string[]) => (await firstValueFrom(rewards.send<UserStatsBatchResult>(
    RewardsPattern.UserStatsBatch, new StreamRecord<UserStatsBatchDto>({ userIds }, {})))).users;
  const result = await new UserStatsCheck(new UserSearchCheckRepository(dataSource), ask, new UserStatsService(new Transactions(dataSource), new UserSearchRepository(dataSource))).run({ fix, users });
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exitCode = result.differences > 0 ? 1 : 0;
} finally {
  await rewards.close();
  await dataSource.destroy();
}

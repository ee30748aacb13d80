import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserEntity } from '../accounts/user.entity.js';
import { MergedAccountEntity } from './merged-account.entity.js';

/**
 * Which account a sign-in really opens: a merged (secondary) account signs in as its primary.
 * Global so sign-in (sessions) and OAuth can ask without importing the merge module.
 */
@Injectable()
export class MergedAccounts {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The primary account when `userId` was merged into one, else null. */
  async primaryOf(userId: string): Promise<UserEntity | null> {
    const merged = await this.dataSource.getRepository(MergedAccountEntity).findOneBy({ secondaryUserId: userId });
    if (!merged) return null;
    return this.dataSource.getRepository(UserEntity).findOneBy({ id: merged.primaryUserId });
  }
}

@Global()
@Module({ providers: [MergedAccounts], exports: [MergedAccounts] })
export class MergedAccountsModule {}

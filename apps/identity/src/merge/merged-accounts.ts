import { Global, Injectable, Module } from '@nestjs/common';
import type { UserEntity } from '../accounts/user.entity.js';
import { UsersRepository } from '../accounts/users.repository.js';
import { MergedAccountsRepository } from './merged-accounts.repository.js';

/**
 * Which account a sign-in really opens: a merged (secondary) account signs in as its primary.
 * Global so sign-in (sessions) and OAuth can ask without importing the merge module.
 */
@Injectable()
export class MergedAccounts {
  constructor(private readonly mergedAccounts: MergedAccountsRepository, private readonly users: UsersRepository) {}

  /** The primary account when `userId` was merged into one, else null. */
  async primaryOf(userId: string): Promise<UserEntity | null> {
    const merged = await this.mergedAccounts.findBySecondary(userId);
    if (!merged) return null;
    return this.users.findById(merged.primaryUserId);
  }
}

@Global()
@Module({ providers: [MergedAccounts], exports: [MergedAccounts] })
export class MergedAccountsModule {}

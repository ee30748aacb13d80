import { Injectable, Logger, Module } from '@nestjs/common';
import { UserSearchRepository } from './user-search.repository.js';

/**
 * `last_access` of the users admin read model. A sign-in is identity's own news, so it is written
 * at once (no event); the read model never fails a sign-in.
 */
@Injectable()
export class LastAccess {
  private readonly logger = new Logger('LastAccess');

  constructor(private readonly search: UserSearchRepository) {}

  async signedIn(userId: string, at = new Date()): Promise<void> {
    await this.search.recordAccess(userId, at)
      .catch((error: Error) => this.logger.warn({ msg: 'last_access not recorded', userId, error: error.message }));
  }
}

@Module({ providers: [LastAccess], exports: [LastAccess] })
export class LastAccessModule {}

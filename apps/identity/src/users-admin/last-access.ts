import { Inject, Injectable, Logger, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * `last_access` of the users admin read model. A sign-in is identity's own news, so it is written
 * at once (no event); the read model never fails a sign-in.
 */
@Injectable()
export class LastAccess {
  private readonly logger = new Logger('LastAccess');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async signedIn(userId: string, at = new Date()): Promise<void> {
    await this.dataSource.query('UPDATE identity.user_search SET last_access = greatest(last_access, $2) WHERE user_id = $1', [userId, at])
      .catch((error: Error) => this.logger.warn({ msg: 'last_access not recorded', userId, error: error.message }));
  }
}

@Module({ providers: [LastAccess], exports: [LastAccess] })
export class LastAccessModule {}

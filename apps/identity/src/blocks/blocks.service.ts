import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TicketStore } from '#libs/session';
import { DomainError } from '#libs/errors';
import { UserEntity } from '../accounts/user.entity.js';

export interface BlockStatusView { id: string; status: boolean }

/** Permanent block: a blocked user cannot sign in (sessions check blocked_at) and every session ends at once. */
@Injectable()
export class BlocksService {
  private readonly logger = new Logger('Blocks');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource, private readonly tickets: TicketStore) {}

  async status(userId: string): Promise<BlockStatusView> {
    const user = await this.user(userId);
    return view(userId, user.blockedAt !== null);
  }

  async block(userId: string, by: string): Promise<BlockStatusView> {
    await this.user(userId);
    await this.dataSource.createQueryBuilder().update(UserEntity).set({ blockedAt: () => 'now()' })
      .where('id = :userId AND blocked_at IS NULL', { userId }).execute();
    const ended = await this.tickets.revokeAllFor(userId);
    this.logger.log({ msg: 'user permanently blocked', userId, by, sessionsEnded: ended });
    return view(userId, true);
  }

  async unblock(userId: string, by: string): Promise<BlockStatusView> {
    await this.user(userId);
    await this.dataSource.createQueryBuilder().update(UserEntity).set({ blockedAt: null })
      .where('id = :userId', { userId }).execute();
    this.logger.log({ msg: 'user permanent block lifted', userId, by });
    return view(userId, false);
  }

  private async user(id: string): Promise<UserEntity> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id });
    if (!user) throw DomainError.notFound('User not found', 'identity.user.not_found');
    return user;
  }
}

/** The doc's shape: `<user id>@permanently_block_status`. */
function view(userId: string, status: boolean): BlockStatusView {
  return { id: `${userId}@permanently_block_status`, status };
}

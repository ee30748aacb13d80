import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditAction } from '#libs/contracts';
import { type AuditActor, AuditRecorder } from '#libs/audit';
import { TicketStore } from '#libs/session';
import { DomainError } from '#libs/errors';
import type { UserEntity } from '../accounts/user.entity.js';
import { UsersRepository } from '../accounts/users.repository.js';
import { Transactions } from '../database/transactions.js';

export interface BlockStatusView { id: string; status: boolean }

/** Permanent block: a blocked user cannot sign in (sessions check blocked_at) and every session ends at once. */
@Injectable()
export class BlocksService {
  private readonly logger = new Logger('Blocks');

  constructor(
    private readonly users: UsersRepository, private readonly transactions: Transactions,
    private readonly tickets: TicketStore, private readonly audit: AuditRecorder,
  ) {}

  async status(userId: string): Promise<BlockStatusView> {
    const user = await this.user(userId);
    return view(userId, user.blockedAt !== null);
  }

  /** A change is audited in its own transaction; blocking a blocked user changes (and records) nothing. */
  async block(userId: string, actor: AuditActor): Promise<BlockStatusView> {
    await this.transactions.run(async (m) => {
      const before = await this.lockedUser(m, userId);
      if (before.blockedAt !== null) return;
      const at = new Date();
      await this.users.setBlockedAt(m, userId, at);
      await this.audit.record(m, actor, AuditAction.UserBlock, { target: userId, before: { blocked_at: null }, after: { blocked_at: at.toISOString() } });
    });
    const ended = await this.tickets.revokeAllFor(userId);
    this.logger.log({ msg: 'user permanently blocked', userId, by: actor.userId, sessionsEnded: ended });
    return view(userId, true);
  }

  async unblock(userId: string, actor: AuditActor): Promise<BlockStatusView> {
    await this.transactions.run(async (m) => {
      const before = await this.lockedUser(m, userId);
      if (before.blockedAt === null) return;
      await this.users.setBlockedAt(m, userId, null);
      await this.audit.record(m, actor, AuditAction.UserUnblock, { target: userId, before: { blocked_at: before.blockedAt.toISOString() }, after: { blocked_at: null } });
    });
    this.logger.log({ msg: 'user permanent block lifted', userId, by: actor.userId });
    return view(userId, false);
  }

  private async lockedUser(m: EntityManager, id: string): Promise<UserEntity> {
    const user = await this.users.lockById(m, id);
    if (!user) throw DomainError.notFound('User not found', 'identity.user.not_found');
    return user;
  }

  private async user(id: string): Promise<UserEntity> {
    const user = await this.users.findById(id);
    if (!user) throw DomainError.notFound('User not found', 'identity.user.not_found');
    return user;
  }
}

/** The doc's shape: `<user id>@permanently_block_status`. */
function view(userId: string, status: boolean): BlockStatusView {
  return { id: `${userId}@permanently_block_status`, status };
}

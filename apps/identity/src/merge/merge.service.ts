import { Inject, Injectable, Logger } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import type { EntityManager } from 'typeorm';
import type { SessionInfo } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { TicketStore } from '#libs/session';
import { RedisStreamsClient } from '#libs/transport';
import { Events } from '#libs/contracts';
import type { UserEntity } from '../accounts/user.entity.js';
import { UsersRepository } from '../accounts/users.repository.js';
import { Transactions } from '../database/transactions.js';
import { MembershipsRepository } from '../memberships/memberships.repository.js';
import { MergedAccountsRepository } from './merged-accounts.repository.js';

export const EVENTS_CLIENT = Symbol('identity.merge.events');

/** Profile fields the primary takes from the secondary when it has none of its own. */
const PROFILE_FIELDS = ['firstName', 'lastName', 'gender', 'birthdate', 'photo', 'country', 'language', 'city', 'postCode',
  'address1', 'address2', 'jobTitle'] as const;

export interface MergedUsersView { users: { id: string; reg_type: string }[] }

/**
 * Irreversible merge of a secondary account into the caller's (primary) account. Identity's part
 * happens at once in one transaction: profile gaps filled, memberships joined, earlier merges into
 * the secondary re-pointed; the secondary's sessions end. Other services move their data on the
 * `user.merged` event (participants, buddies, timelines, coins).
 */
@Injectable()
export class MergeService {
  private readonly logger = new Logger('Merge');

  constructor(
    private readonly transactions: Transactions,
    private readonly users: UsersRepository,
    private readonly memberships: MembershipsRepository,
    private readonly mergedAccounts: MergedAccountsRepository,
    private readonly tickets: TicketStore,
    @Inject(EVENTS_CLIENT) private readonly events: RedisStreamsClient,
  ) {}

  async merge(session: SessionInfo, secondaryTicket: string): Promise<void> {
    const secondarySession = await this.tickets.lookup(secondaryTicket);
    if (!secondarySession) throw DomainError.invalid('secondary_ticket is not a valid session ticket', undefined, 'identity.merge.bad_ticket');
    const primaryId = session.userId;
    const secondaryId = secondarySession.userId;
    if (primaryId === secondaryId) throw DomainError.conflict('Cannot merge an account with itself', undefined, 'identity.merge.same_account');

    await this.transactions.run(async (tx) => {
      // Both rows locked in id order: two opposite merges cannot deadlock or both succeed.
      const locked = await this.users.lockInIdOrder(tx, [primaryId, secondaryId]);
      const primary = locked.find((u) => u.id === primaryId);
      const secondary = locked.find((u) => u.id === secondaryId);
      if (!primary || !secondary) throw DomainError.notFound('User not found', 'identity.user.not_found');
      const merged = this.mergedAccounts;
      if (await merged.isSecondary(tx, primaryId) || await merged.isSecondary(tx, secondaryId)) {
        throw DomainError.conflict('Account is already merged', undefined, 'identity.merge.already_merged');
      }
      const primaryTypes = new Set([primary.regType, ...(await merged.mergedInto(tx, primaryId)).map((m) => m.secondaryRegType)]);
      const secondaryTypes = [secondary.regType, ...(await merged.mergedInto(tx, secondaryId)).map((m) => m.secondaryRegType)];
      if (secondaryTypes.some((t) => primaryTypes.has(t))) {
        throw DomainError.conflict('Only accounts with different registration types may be merged', undefined, 'identity.merge.same_reg_type');
      }
      await this.mergeProfile(tx, primary, secondary);
      await this.memberships.moveAll(tx, secondaryId, primaryId);
      await merged.repoint(tx, secondaryId, primaryId);
      await merged.insert(tx, { secondaryUserId: secondaryId, primaryUserId: primaryId, secondaryRegType: secondary.regType, mergeStartedAt: new Date(), mergeEndedAt: null });
    });

    await this.tickets.revokeAllFor(secondaryId);
    this.logger.log({ msg: 'accounts merged', primaryUserId: primaryId, secondaryUserId: secondaryId });
    await firstValueFrom(this.events.emit(Events.UserMerged, { primaryUserId: primaryId, secondaryUserId: secondaryId }), { defaultValue: null })
      .catch((error) => this.logger.error({ msg: 'user.merged not emitted', primaryUserId: primaryId, secondaryUserId: secondaryId, kind: error?.kind }));
  }

  async list(userId: string): Promise<MergedUsersView> {
    const rows = await this.mergedAccounts.listMergedInto(userId);
    return { users: rows.map((r) => ({ id: r.secondaryUserId, reg_type: r.secondaryRegType })) };
  }

  private async mergeProfile(tx: EntityManager, primary: UserEntity, secondary: UserEntity): Promise<void> {
    const patch: Partial<UserEntity> = {};
    for (const field of PROFILE_FIELDS) {
      if (primary[field] === null && secondary[field] !== null) (patch as Record<string, unknown>)[field] = secondary[field];
    }
    // Logins are unique only among accounts registered with them, so a contact email/phone can be copied.
    if (primary.email === null && secondary.email !== null && primary.regType !== 'email') patch.email = secondary.email;
    if (primary.phone === null && secondary.phone !== null && primary.regType !== 'phone') patch.phone = secondary.phone;
    if (Object.keys(patch).length > 0) await this.users.update(primary.id, patch, tx);
  }
}

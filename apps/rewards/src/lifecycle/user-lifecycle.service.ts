import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { USER_STATS_PARTS, type UserDeletedEvent, type UserMergedEvent, type UserProfileEvent } from '#libs/contracts';
import { LedgerRepository } from '../ledger/ledger.repository.js';
import { UserStatsEmitter } from '../stats/user-stats.emitter.js';
import { UserLifecycleRepository } from './user-lifecycle.repository.js';

/**
 * Account deletion and merge, announced by identity. Both are idempotent: a redelivered event
 * finds its key in processed_events and changes nothing.
 */
@Injectable()
export class UserLifecycleService {
  private readonly logger = new Logger('UserLifecycle');

  constructor(private readonly repo: UserLifecycleRepository, private readonly ledger: LedgerRepository, private readonly stats: UserStatsEmitter) {}

  /**
   * Identity created the account (or changed its name, photo or time zone): rewards knows the user
   * from then on, before any input. User ids follow from the login, so a person who deleted the
   * account and registers again has the same id: the deleted account's data is archived first
   * and the new account starts from nothing.
   */
  async profile(event: UserProfileEvent): Promise<void> {
    const registeredAt = new Date(event.registeredAt);
    await this.repo.transaction(async (m) => {
      const row = await this.repo.lockUser(m, event.userId);
      if (row?.deleted_at) {
        if (row.deleted_at >= registeredAt) return; // an old profile of the deleted account, delivered late
        await this.archive(m, event.userId, row.deleted_at);
      }
      await this.repo.upsertProfile(m, event, registeredAt);
    });
    // A new or returning account starts from nothing, and days with scans count in the user's time zone.
    this.stats.changed(event.userId, ...USER_STATS_PARTS);
  }

  /**
   * Personal data goes: names and photo, timeline, buddies, invitations, reminders, queued pushes,
   * and the scans' request headers and location (the scan keeps code and time). What accounting
   * keeps (ledger entries, claims, transactions, scans) moves to an archive id, so the user id is
   * free for a returning person; the id stays marked deleted (reads and inputs answer 404) until then.
   */
  async deleted(event: Pick<UserDeletedEvent, 'userId'> & Partial<UserDeletedEvent>): Promise<boolean> {
    const deletedAt = event.deletedAt ? new Date(event.deletedAt) : new Date();
    const key = event.deletedAt ? `user.deleted:${event.userId}:${deletedAt.toISOString()}` : `user.deleted:${event.userId}`;
    let friends = new Set<string>();
    const done = await this.once(key, async (m) => {
      const id = event.userId;
      const row = await this.repo.lockUser(m, id);
      if (row?.deleted_at) return; // deleted already (and not registered again since)
      if (row && row.registered_at > deletedAt) return; // the person came back meanwhile: this account is not the deleted one
      friends = await this.repo.erasePersonal(m, id);
      if (row) await this.archive(m, id, deletedAt);
      await this.repo.markDeleted(m, id, deletedAt);
    });
    // Their buddies lost a buddy and the invitations they had accepted from them.
    for (const friend of friends) this.stats.changed(friend, 'buddies', 'invitations');
    return done;
  }

  /** Moves a deleted account's remaining data (balances through the ledger) to its archive id and drops its user row. */
  private async archive(m: EntityManager, id: string, deletedAt: Date): Promise<void> {
    const archiveId = `urn:authenticateit:user:deleted:${createHash('sha256').update(`${id}\n${deletedAt.toISOString()}`).digest('hex').slice(0, 32)}`;
    const moved = await this.ledger.balanceOf(m, id);
    if (moved.coins > 0n || moved.pending_coins > 0n) {
      await this.ledger.append(m, [
        { userId: id, kind: 'deletion_out', coins: -moved.coins, pending: -moved.pending_coins, ref: `deletion:${archiveId}` },
        { userId: archiveId, kind: 'deletion_in', coins: moved.coins, pending: moved.pending_coins, ref: `deletion:${deletedAt.toISOString()}` },
      ]);
    }
    await this.repo.archive(m, id, archiveId, deletedAt);
  }

  /**
   * Moves the secondary account into the primary in one transaction: balances by appending a
   * transfer pair to the ledger (merge_out / merge_in), then scans, claims, contributions,
   * timeline, buddies, transactions... change owner; the secondary is left marked merged and deleted.
   */
  async merged(event: UserMergedEvent): Promise<boolean> {
    const { primaryUserId: primary, secondaryUserId: secondary } = event;
    if (!primary || !secondary || primary === secondary) return false;
    let friends: string[] = [];
    const done = await this.once(`user.merged:${secondary}:${primary}`, async (m) => {
      await this.repo.lockPair(m, primary, secondary);
      const moved = await this.ledger.balanceOf(m, secondary);
      if (moved.coins > 0n || moved.pending_coins > 0n) {
        await this.ledger.append(m, [
          { userId: secondary, kind: 'merge_out', coins: -moved.coins, pending: -moved.pending_coins, ref: `merge:${primary}` },
          { userId: primary, kind: 'merge_in', coins: moved.coins, pending: moved.pending_coins, ref: `merge:${secondary}` },
        ]);
      }
      friends = await this.repo.moveToPrimary(m, primary, secondary);
    });
    if (done) {
      // Everything moved: the admin sees it on the primary only, and the secondary's buddies now have the primary.
      this.stats.changed(primary, ...USER_STATS_PARTS);
      this.stats.changed(secondary, ...USER_STATS_PARTS);
      for (const friend of friends) this.stats.changed(friend, 'buddies');
    }
    return done;
  }

  /** Runs `work` once per event key, in one transaction with the key. */
  private async once(key: string, work: (m: EntityManager) => Promise<void>): Promise<boolean> {
    return this.repo.transaction(async (m) => {
      if (!(await this.repo.claimEvent(m, key))) return false;
      await work(m);
      this.logger.log({ msg: 'user event applied', key });
      return true;
    });
  }
}

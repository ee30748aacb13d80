import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { USER_STATS_PARTS, type UserDeletedEvent, type UserMergedEvent, type UserProfileEvent } from '#libs/contracts';
import { appendLedger, balanceOf } from '../ledger/ledger.js';
import { UserStatsEmitter } from '../stats/user-stats.emitter.js';

/** Tables whose rows simply change owner on a merge (buddies need de-duplication, ledger stays). */
const OWNED_TABLES = ['scans', 'claims', 'contributions', 'timeline', 'buddy_invitations', 'transactions', 'widget_views', 'reminders_sent', 'bans', 'outbox'];
/** What a deleted account keeps for accounting, under its archive id (personal rows are deleted first). */
const ARCHIVED_TABLES = ['scans', 'claims', 'contributions', 'transactions', 'bans', 'outbox'];

/**
 * Account deletion and merge, announced by identity. Both are idempotent: a redelivered event
 * finds its key in processed_events and changes nothing.
 */
@Injectable()
export class UserLifecycleService {
  private readonly logger = new Logger('UserLifecycle');

  constructor(@Inject(DataSource) private readonly ds: DataSource, private readonly stats: UserStatsEmitter) {}

  /**
   * Identity created the account (or changed its name, photo or time zone): rewards knows the user
   * from then on, before any input. User ids follow from the login, so a person who deleted the
   * account and registers again has the same id: the deleted account's data is archived first
   * and the new account starts from nothing.
   */
  async profile(event: UserProfileEvent): Promise<void> {
    const registeredAt = new Date(event.registeredAt);
    await this.ds.transaction(async (m) => {
      const [row] = await m.query('SELECT deleted_at FROM rewards.users WHERE user_id = $1 FOR UPDATE', [event.userId]) as { deleted_at: Date | null }[];
      if (row?.deleted_at) {
        if (row.deleted_at >= registeredAt) return; // an old profile of the deleted account, delivered late
        await this.archive(m, event.userId, row.deleted_at);
      }
      await m.query(
        `INSERT INTO rewards.users (user_id, timezone_min, registered_at, first_name, last_name, photo) VALUES ($1, coalesce($2, 0), $3, $4, $5, $6)
         ON CONFLICT (user_id) DO UPDATE SET timezone_min = coalesce($2, rewards.users.timezone_min), registered_at = $3,
           first_name = $4, last_name = $5, photo = $6`,
        [event.userId, event.timezoneMin ?? null, registeredAt, event.firstName ?? null, event.lastName ?? null, event.photo ?? null],
      );
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
    const friends = new Set<string>();
    const done = await this.once(key, async (m) => {
      const id = event.userId;
      const [row] = await m.query('SELECT registered_at, deleted_at FROM rewards.users WHERE user_id = $1 FOR UPDATE', [id]) as { registered_at: Date; deleted_at: Date | null }[];
      if (row?.deleted_at) return; // deleted already (and not registered again since)
      if (row && row.registered_at > deletedAt) return; // the person came back meanwhile: this account is not the deleted one
      await m.query('DELETE FROM rewards.timeline WHERE user_id = $1', [id]);
      for (const r of returned(await m.query('DELETE FROM rewards.buddies WHERE user_id = $1 OR buddy_id = $1 RETURNING user_id, buddy_id', [id]))) {
        friends.add((r.user_id === id ? r.buddy_id : r.user_id)!);
      }
      for (const r of returned(await m.query('DELETE FROM rewards.buddy_invitations WHERE user_id = $1 RETURNING accepted_by', [id]))) {
        if (r.accepted_by) friends.add(r.accepted_by);
      }
      await m.query('DELETE FROM rewards.reminders_sent WHERE user_id = $1', [id]);
      await m.query('DELETE FROM rewards.outbox WHERE user_id = $1 AND sent_at IS NULL', [id]);
      await m.query('DELETE FROM rewards.widget_views WHERE user_id = $1', [id]);
      await m.query(`UPDATE rewards.scans SET record = jsonb_build_object('id', record->'id', 'code', record->'code', 'event_ts', record->'event_ts',
        'product_id', record->'product_id', 'result_type', record->'result_type'), image_url = NULL WHERE user_id = $1`, [id]);
      if (row) await this.archive(m, id, deletedAt);
      await m.query(`INSERT INTO rewards.users (user_id, registered_at, deleted_at) VALUES ($1, $2, $2)
        ON CONFLICT (user_id) DO UPDATE SET deleted_at = $2`, [id, deletedAt]);
    });
    // Their buddies lost a buddy and the invitations they had accepted from them.
    for (const friend of friends) this.stats.changed(friend, 'buddies', 'invitations');
    return done;
  }

  /** Moves a deleted account's remaining data (balances through the ledger) to its archive id and drops its user row. */
  private async archive(m: EntityManager, id: string, deletedAt: Date): Promise<void> {
    const archiveId = `urn:authenticateit:user:deleted:${createHash('sha256').update(`${id}\n${deletedAt.toISOString()}`).digest('hex').slice(0, 32)}`;
    const moved = await balanceOf(m, id);
    if (moved.coins > 0n || moved.pending_coins > 0n) {
      await appendLedger(m, [
        { userId: id, kind: 'deletion_out', coins: -moved.coins, pending: -moved.pending_coins, ref: `deletion:${archiveId}` },
        { userId: archiveId, kind: 'deletion_in', coins: moved.coins, pending: moved.pending_coins, ref: `deletion:${deletedAt.toISOString()}` },
      ]);
    }
    for (const table of ARCHIVED_TABLES) await m.query(`UPDATE rewards.${table} SET user_id = $1 WHERE user_id = $2`, [archiveId, id]);
    await m.query(`INSERT INTO rewards.users (user_id, registered_at, deleted_at, scans_count, level)
      SELECT $1, registered_at, $3, scans_count, level FROM rewards.users WHERE user_id = $2 ON CONFLICT DO NOTHING`, [archiveId, id, deletedAt]);
    await m.query('DELETE FROM rewards.users WHERE user_id = $1', [id]);
  }

  /**
   * Moves the secondary account into the primary in one transaction: balances by appending a
   * transfer pair to the ledger (merge_out / merge_in), then scans, claims, contributions,
   * timeline, buddies, transactions... change owner; the secondary is left marked merged and deleted.
   */
  async merged(event: UserMergedEvent): Promise<boolean> {
    const { primaryUserId: primary, secondaryUserId: secondary } = event;
    if (!primary || !secondary || primary === secondary) return false;
    const friends: string[] = [];
    const done = await this.once(`user.merged:${secondary}:${primary}`, async (m) => {
      await m.query('INSERT INTO rewards.users (user_id) VALUES ($1), ($2) ON CONFLICT DO NOTHING', [primary, secondary]);
      // Both rows locked in a fixed order: concurrent merges cannot deadlock.
      await m.query('SELECT user_id FROM rewards.users WHERE user_id IN ($1, $2) ORDER BY user_id FOR UPDATE', [primary, secondary]);
      const moved = await balanceOf(m, secondary);
      if (moved.coins > 0n || moved.pending_coins > 0n) {
        await appendLedger(m, [
          { userId: secondary, kind: 'merge_out', coins: -moved.coins, pending: -moved.pending_coins, ref: `merge:${primary}` },
          { userId: primary, kind: 'merge_in', coins: moved.coins, pending: moved.pending_coins, ref: `merge:${secondary}` },
        ]);
      }
      for (const table of OWNED_TABLES) {
        await m.query(`UPDATE rewards.${table} SET user_id = $1 WHERE user_id = $2`, [primary, secondary]);
      }
      await m.query('UPDATE rewards.buddy_invitations SET accepted_by = $1 WHERE accepted_by = $2', [primary, secondary]);
      friends.push(...(await m.query('SELECT buddy_id FROM rewards.buddies WHERE user_id = $1', [secondary]) as { buddy_id: string }[]).map((r) => r.buddy_id));
      await m.query(`INSERT INTO rewards.buddies (user_id, buddy_id, status, ts)
        SELECT $1, buddy_id, status, ts FROM rewards.buddies WHERE user_id = $2 AND buddy_id <> $1
        UNION ALL SELECT user_id, $1, status, ts FROM rewards.buddies WHERE buddy_id = $2 AND user_id <> $1
        ON CONFLICT DO NOTHING`, [primary, secondary]);
      await m.query('DELETE FROM rewards.buddies WHERE user_id = $1 OR buddy_id = $1', [secondary]);
      await m.query(`UPDATE rewards.users p SET scans_count = p.scans_count + s.scans_count,
          last_scan_at = greatest(p.last_scan_at, s.last_scan_at),
          last_scan_id = CASE WHEN s.last_scan_at > p.last_scan_at OR p.last_scan_at IS NULL THEN s.last_scan_id ELSE p.last_scan_id END
        FROM rewards.users s WHERE p.user_id = $1 AND s.user_id = $2`, [primary, secondary]);
      await m.query(`UPDATE rewards.users SET scans_count = 0, merged_into = $1, deleted_at = coalesce(deleted_at, now()) WHERE user_id = $2`, [primary, secondary]);
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
    return this.ds.transaction(async (m) => {
      const inserted = await m.query('INSERT INTO rewards.processed_events (event_key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING 1', [key]) as unknown[];
      if (inserted.length === 0) return false;
      await work(m);
      this.logger.log({ msg: 'user event applied', key });
      return true;
    });
  }
}

/** Rows of a DELETE ... RETURNING (TypeORM answers [rows, count] for it). */
function returned(result: unknown): Record<string, string | null>[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as Record<string, string | null>[];
}

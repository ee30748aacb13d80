import { Injectable } from '@nestjs/common';
import type { UserProfileEvent } from '#libs/contracts';
import { type Queryable, SqlRepository } from '../common/sql-repository.js';

/** Tables whose rows simply change owner on a merge (buddies need de-duplication, ledger stays). */
const OWNED_TABLES = ['scans', 'claims', 'contributions', 'timeline', 'buddy_invitations', 'transactions', 'widget_views', 'reminders_sent', 'bans', 'outbox'];
/** What a deleted account keeps for accounting, under its archive id (personal rows are deleted first). */
const ARCHIVED_TABLES = ['scans', 'claims', 'contributions', 'transactions', 'bans', 'outbox'];

/** Rows of a DELETE ... RETURNING (TypeORM answers [rows, count] for it). */
function returned(result: unknown): Record<string, string | null>[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as Record<string, string | null>[];
}

/** A user's rows across rewards' tables as identity's account events change them: profile, deletion, merge. */
@Injectable()
export class UserLifecycleRepository extends SqlRepository {
  /** Claims an event key in `m`'s transaction; false: the event was applied before. */
  async claimEvent(m: Queryable, key: string): Promise<boolean> {
    const inserted = await m.query('INSERT INTO rewards.processed_events (event_key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING 1', [key]) as unknown[];
    return inserted.length > 0;
  }

  /** The user's row (locked until the transaction ends), if any. */
  async lockUser(m: Queryable, userId: string): Promise<{ registered_at: Date; deleted_at: Date | null } | undefined> {
    const [row] = await m.query('SELECT registered_at, deleted_at FROM rewards.users WHERE user_id = $1 FOR UPDATE', [userId]) as { registered_at: Date; deleted_at: Date | null }[];
    return row;
  }

  async upsertProfile(m: Queryable, event: UserProfileEvent, registeredAt: Date): Promise<void> {
    await m.query(
      `INSERT INTO rewards.users (user_id, timezone_min, registered_at, first_name, last_name, photo) VALUES ($1, coalesce($2, 0), $3, $4, $5, $6)
       ON CONFLICT (user_id) DO UPDATE SET timezone_min = coalesce($2, rewards.users.timezone_min), registered_at = $3,
         first_name = $4, last_name = $5, photo = $6`,
      [event.userId, event.timezoneMin ?? null, registeredAt, event.firstName ?? null, event.lastName ?? null, event.photo ?? null],
    );
  }

  /**
   * Deletes the user's personal data (timeline, buddies, invitations, reminders, queued pushes,
   * widget views; the scans' request headers and location) and answers the buddies who lost them.
   */
  async erasePersonal(m: Queryable, id: string): Promise<Set<string>> {
    const friends = new Set<string>();
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
    return friends;
  }

  async markDeleted(m: Queryable, id: string, deletedAt: Date): Promise<void> {
    await m.query(`INSERT INTO rewards.users (user_id, registered_at, deleted_at) VALUES ($1, $2, $2)
      ON CONFLICT (user_id) DO UPDATE SET deleted_at = $2`, [id, deletedAt]);
  }

  /** Moves what accounting keeps to the archive id, and the user row's counters to an archive row; drops the user row. */
  async archive(m: Queryable, id: string, archiveId: string, deletedAt: Date): Promise<void> {
    for (const table of ARCHIVED_TABLES) await m.query(`UPDATE rewards.${table} SET user_id = $1 WHERE user_id = $2`, [archiveId, id]);
    await m.query(`INSERT INTO rewards.users (user_id, registered_at, deleted_at, scans_count, level)
      SELECT $1, registered_at, $3, scans_count, level FROM rewards.users WHERE user_id = $2 ON CONFLICT DO NOTHING`, [archiveId, id, deletedAt]);
    await m.query('DELETE FROM rewards.users WHERE user_id = $1', [id]);
  }

  /** Both user rows exist and are locked, in a fixed order: concurrent merges cannot deadlock. */
  async lockPair(m: Queryable, primary: string, secondary: string): Promise<void> {
    await m.query('INSERT INTO rewards.users (user_id) VALUES ($1), ($2) ON CONFLICT DO NOTHING', [primary, secondary]);
    await m.query('SELECT user_id FROM rewards.users WHERE user_id IN ($1, $2) ORDER BY user_id FOR UPDATE', [primary, secondary]);
  }

  /**
   * The secondary's rows change owner, its buddies become the primary's (de-duplicated), its
   * counters add up into the primary's and it is left marked merged and deleted. Answers the
   * secondary's buddies.
   */
  async moveToPrimary(m: Queryable, primary: string, secondary: string): Promise<string[]> {
    for (const table of OWNED_TABLES) {
      await m.query(`UPDATE rewards.${table} SET user_id = $1 WHERE user_id = $2`, [primary, secondary]);
    }
    await m.query('UPDATE rewards.buddy_invitations SET accepted_by = $1 WHERE accepted_by = $2', [primary, secondary]);
    const friends = (await m.query('SELECT buddy_id FROM rewards.buddies WHERE user_id = $1', [secondary]) as { buddy_id: string }[]).map((r) => r.buddy_id);
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
    return friends;
  }
}

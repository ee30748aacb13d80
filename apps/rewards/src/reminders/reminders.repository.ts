import { Injectable } from '@nestjs/common';
import { type Queryable, SqlRepository } from '../common/sql-repository.js';

export interface ReminderUserRow {
  user_id: string; level: string; previous_level: string | null; timezone_min: number; registered_at: Date; last_scan_at: Date | null; has_coins: boolean; buddies: number;
}

/** rewards.reminders_sent, and the user facts reminder rules look at. */
@Injectable()
export class RemindersRepository extends SqlRepository {
  /** The next `batchSize` users after `cursor` (by id) with what the rules need. */
  async usersAfter(cursor: string, batchSize: number): Promise<ReminderUserRow[]> {
    return await this.ds.query(
      `SELECT u.user_id, u.level, u.previous_level, u.timezone_min, u.registered_at, u.last_scan_at, coalesce(b.coins, 0) > 0 AS has_coins,
              (SELECT count(*)::int FROM rewards.buddies x WHERE x.user_id = u.user_id) AS buddies
       FROM rewards.users u LEFT JOIN rewards.balances b ON b.user_id = u.user_id
       WHERE u.user_id > $1 ORDER BY u.user_id LIMIT ${batchSize}`, [cursor],
    ) as ReminderUserRow[];
  }

  /** When each reminder was last sent to the user. */
  async lastSent(userId: string): Promise<Map<string, Date>> {
    const rows = await this.ds.query(
      'SELECT reminder, max(ts) AS ts FROM rewards.reminders_sent WHERE user_id = $1 GROUP BY reminder', [userId],
    ) as { reminder: string; ts: Date }[];
    return new Map(rows.map((r) => [r.reminder, r.ts]));
  }

  async recordSent(m: Queryable, userId: string, reminder: string, ts: Date): Promise<void> {
    await m.query('INSERT INTO rewards.reminders_sent (user_id, reminder, ts) VALUES ($1, $2, $3)', [userId, reminder, ts]);
  }

  /** The reminders sent to the user, latest first (the admin's list). */
  async ofUser(userId: string): Promise<{ reminder: string; ts: Date }[]> {
    return await this.ds.query('SELECT reminder, ts FROM rewards.reminders_sent WHERE user_id = $1 ORDER BY ts DESC, id DESC', [userId]) as { reminder: string; ts: Date }[];
  }
}

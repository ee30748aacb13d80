import { Injectable } from '@nestjs/common';
import { type Queryable, SqlRepository } from '../common/sql-repository.js';

export interface BuddyRow { buddy_id: string; status: string | null; ts: Date; first_name: string | null; last_name: string | null; photo: string | null; level: string | null; coins: string }

/** What users do besides scanning: contributions, buddies and their invitations, widget views. */
@Injectable()
export class ActivityRepository extends SqlRepository {
  /** A contribution's latest status (one row per kind and ref). */
  async upsertContribution(m: Queryable, kind: string, ref: string, userId: string, status: string, ts: Date): Promise<void> {
    await m.query(
      `INSERT INTO rewards.contributions (kind, ref, user_id, status, ts) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (kind, ref) DO UPDATE SET status = EXCLUDED.status, ts = EXCLUDED.ts`,
      [kind, ref, userId, status, ts],
    );
  }

  async insertInvitation(m: Queryable, invitationId: string, userId: string, sentAt: Date): Promise<void> {
    await m.query('INSERT INTO rewards.buddy_invitations (id, user_id, sent_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [invitationId, userId, sentAt]);
  }

  /** The inviter's invitation, accepted by `buddyId` (once). */
  async acceptInvitation(m: Queryable, invitationId: string, userId: string, buddyId: string, ts: Date): Promise<void> {
    await m.query('UPDATE rewards.buddy_invitations SET accepted_by = $2, accepted_at = $3 WHERE id = $1 AND user_id = $4 AND accepted_by IS NULL',
      [invitationId, buddyId, ts, userId]);
  }

  /** One direction of a buddy pair. */
  async insertBuddy(m: Queryable, userId: string, buddyId: string, status: string | null, ts: Date): Promise<void> {
    await m.query('INSERT INTO rewards.buddies (user_id, buddy_id, status, ts) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [userId, buddyId, status, ts]);
  }

  async insertWidgetView(m: Queryable, userId: string, widget: string, ts: Date): Promise<void> {
    await m.query('INSERT INTO rewards.widget_views (user_id, widget, ts) VALUES ($1, $2, $3)', [userId, widget, ts]);
  }

  /** Up to `limit` of the user's buddies from `offset` (oldest first), with names, level and coins. */
  async buddiesPage(userId: string, limit: number, offset: number): Promise<BuddyRow[]> {
    return await this.ds.query(
      `SELECT b.buddy_id, b.status, b.ts, u.first_name, u.last_name, u.photo, u.level, coalesce(bal.coins, 0)::text AS coins
       FROM rewards.buddies b LEFT JOIN rewards.users u ON u.user_id = b.buddy_id LEFT JOIN rewards.balances bal ON bal.user_id = b.buddy_id
       WHERE b.user_id = $1 ORDER BY b.ts, b.buddy_id LIMIT ${limit} OFFSET ${offset}`, [userId],
    ) as BuddyRow[];
  }

  /** Accepted and rejected product additions of the user in [from, to). */
  async productAdditions(userId: string, from: Date, to: Date): Promise<{ accepted: number; rejected: number }> {
    return (await this.ds.query(
      `SELECT count(*) FILTER (WHERE status = 'accepted')::int AS accepted, count(*) FILTER (WHERE status = 'rejected')::int AS rejected
       FROM rewards.contributions WHERE user_id = $1 AND kind = 'product_added' AND ts >= $2 AND ts < $3`, [userId, from, to],
    ) as { accepted: number; rejected: number }[])[0];
  }
}

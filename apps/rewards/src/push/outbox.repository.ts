import { Injectable } from '@nestjs/common';
import type { PushRequest } from '#libs/contracts';
import { type Queryable, SqlRepository } from '../common/sql-repository.js';

export interface PushContent {
  title: string;
  body: string;
  /** Custom data for the app (string values). */
  data: Record<string, string>;
  /** Extra fields kept in the outbox row only (what older readers of the row look at). */
  record?: Record<string, unknown>;
}

export const messageIdOf = (outboxId: string | number): string => `rewards.outbox.${outboxId}`;

/** What an outbox row of a push holds (eventOfRow reads it back). */
export const outboxPayload = (push: PushContent): string => JSON.stringify({ ...push.record, title: push.title, body: push.body, data: push.data });

/** The push of outbox row `outboxId`. */
export const pushOf = (outboxId: string, userId: string, push: PushContent): PushRequest => (
  { messageId: messageIdOf(outboxId), userId, title: push.title, body: push.body, payload: push.data });

export interface OutboxRow { id: string; user_id: string; payload: { title?: unknown; body?: unknown; data?: unknown } }

/** The event of an outbox row written by recordPush; undefined for rows of another shape. */
export function eventOfRow(row: OutboxRow): PushRequest | undefined {
  const { title, body, data } = row.payload ?? {};
  if (typeof title !== 'string' || typeof body !== 'string' || typeof data !== 'object' || data === null) return undefined;
  return { messageId: messageIdOf(row.id), userId: row.user_id, title, body, payload: data as Record<string, string> };
}

/** rewards.outbox: pushes recorded with the change that caused them, marked sent once emitted. */
@Injectable()
export class OutboxRepository extends SqlRepository {
  /**
   * Records a push in the outbox inside the caller's transaction and returns the push to emit once
   * it has committed (the row stays unsent until the event is out, so the relay can repeat it).
   */
  async recordPush(m: Queryable, userId: string, push: PushContent): Promise<PushRequest> {
    const rows = await m.query(`INSERT INTO rewards.outbox (channel, user_id, payload) VALUES ('push', $1, $2) RETURNING id`, [userId, outboxPayload(push)]) as { id: string }[];
    return pushOf(rows[0].id, userId, push);
  }

  async markSent(ids: string[]): Promise<void> {
    await this.ds.query('UPDATE rewards.outbox SET sent_at = now() WHERE id = ANY($1::bigint[])', [ids]);
  }

  /** Up to `batch` unsent pushes after id `cursor`, created between `after` and `before`, by id. */
  async unsent(cursor: string, before: Date, after: Date, batch: number): Promise<OutboxRow[]> {
    return await this.ds.query(
      `SELECT id, user_id, payload FROM rewards.outbox
       WHERE channel = 'push' AND sent_at IS NULL AND id > $1 AND created_at < $2 AND created_at > $3 ORDER BY id LIMIT ${batch}`,
      [cursor, before, after],
    ) as OutboxRow[];
  }
}

import type { EntityManager } from 'typeorm';
import type { PushRequestedEvent } from '#libs/contracts';

type Query = Pick<EntityManager, 'query'>;

export interface PushContent {
  title: string;
  body: string;
  /** Custom data for the app (string values). */
  data: Record<string, string>;
  /** Extra fields kept in the outbox row only (what older readers of the row look at). */
  record?: Record<string, unknown>;
}

export const messageIdOf = (outboxId: string | number): string => `rewards.outbox.${outboxId}`;

/**
 * Records a push in the outbox inside the caller's transaction and returns the event to emit once
 * it has committed (the row stays unsent until the event is out, so the relay can repeat it).
 */
export async function recordPush(m: Query, userId: string, push: PushContent): Promise<PushRequestedEvent> {
  const payload = { ...push.record, title: push.title, body: push.body, data: push.data };
  const rows = await m.query(`INSERT INTO rewards.outbox (channel, user_id, payload) VALUES ('push', $1, $2) RETURNING id`, [userId, JSON.stringify(payload)]) as { id: string }[];
  return { messageId: messageIdOf(rows[0].id), userId, title: push.title, body: push.body, payload: push.data };
}

interface OutboxRow { id: string; user_id: string; payload: { title?: unknown; body?: unknown; data?: unknown } }

/** The event of an outbox row written by recordPush; undefined for rows of another shape. */
export function eventOfRow(row: OutboxRow): PushRequestedEvent | undefined {
  const { title, body, data } = row.payload ?? {};
  if (typeof title !== 'string' || typeof body !== 'string' || typeof data !== 'object' || data === null) return undefined;
  return { messageId: messageIdOf(row.id), userId: row.user_id, title, body, payload: data as Record<string, string> };
}

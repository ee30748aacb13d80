import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** Appends one record (the doc's timeline record shape) to the user's timeline. */
export async function addTimeline(m: EntityManager, userId: string, ts: Date, record: Record<string, unknown>): Promise<void> {
  await m.query('INSERT INTO rewards.timeline (id, user_id, record, ts) VALUES ($1, $2, $3, $4)', [randomUUID(), userId, JSON.stringify(record), ts]);
}

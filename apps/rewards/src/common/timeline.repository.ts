import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { type Queryable, SqlRepository } from './sql-repository.js';

/** rewards.timeline: what each user's timeline shows. */
@Injectable()
export class TimelineRepository extends SqlRepository {
  /** Appends one record (the doc's timeline record shape) to the user's timeline. */
  async add(m: Queryable, userId: string, ts: Date, record: Record<string, unknown>): Promise<void> {
    await m.query('INSERT INTO rewards.timeline (id, user_id, record, ts) VALUES ($1, $2, $3, $4)', [randomUUID(), userId, JSON.stringify(record), ts]);
  }

  /** The chunk's user and position (a chunk id is the id of its first record; anything but a uuid is no chunk). */
  async chunkStart(chunkId: string): Promise<{ user_id: string; seq: string } | undefined> {
    if (!isUUID(chunkId)) return undefined;
    const rows = await this.ds.query('SELECT user_id, seq FROM rewards.timeline WHERE id = $1::uuid', [chunkId]) as { user_id: string; seq: string }[];
    return rows[0];
  }

  /** Up to `limit` records, newest first, from position `fromSeq` (null: the newest). */
  async page(userId: string, fromSeq: string | null, limit: number): Promise<{ id: string; record: Record<string, unknown> }[]> {
    return await this.ds.query(
      `SELECT id, record FROM rewards.timeline WHERE user_id = $1${fromSeq ? ' AND seq <= $2' : ''} ORDER BY seq DESC LIMIT ${limit}`,
      fromSeq ? [userId, fromSeq] : [userId],
    ) as { id: string; record: Record<string, unknown> }[];
  }

  /**
   * An admin's timeline message, and its push's outbox row when `pushPayload` is given, as ONE
   * statement (one round trip, its own transaction): nothing is written for an unknown or deleted user.
   */
  async addMessage(userId: string, entry: object, ts: Date, pushPayload: string | null): Promise<{ found: boolean; outbox_id: string | null }> {
    const [row] = await this.ds.query(
      `WITH u AS (SELECT user_id FROM rewards.users WHERE user_id = $1 AND deleted_at IS NULL),
            t AS (INSERT INTO rewards.timeline (id, user_id, record, ts) SELECT $2, user_id, $3, $4 FROM u),
            o AS (INSERT INTO rewards.outbox (channel, user_id, payload) SELECT 'push', user_id, $5::jsonb FROM u WHERE $5::jsonb IS NOT NULL RETURNING id)
       SELECT EXISTS (SELECT 1 FROM u) AS found, (SELECT id FROM o)::text AS outbox_id`,
      [userId, randomUUID(), JSON.stringify(entry), ts, pushPayload],
    ) as { found: boolean; outbox_id: string | null }[];
    return row;
  }
}

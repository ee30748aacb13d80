import { Injectable } from '@nestjs/common';
import { type Queryable, SqlRepository } from './sql-repository.js';

export interface BanRow { id: string; rule_id: string; reason: string; from_ts: Date; to_ts: Date; data: unknown; unset_at: Date | null }

/** rewards.bans: manual bans and those of the scan_interval rule (the scan statement writes those). */
@Injectable()
export class BansRepository extends SqlRepository {
  async isActive(m: Queryable, userId: string, now = new Date()): Promise<boolean> {
    const rows = await m.query('SELECT 1 FROM rewards.bans WHERE user_id = $1 AND unset_at IS NULL AND from_ts <= $2 AND to_ts > $2 LIMIT 1', [userId, now]) as unknown[];
    return rows.length > 0;
  }

  /** Every ban of the user, latest first. */
  async ofUser(m: Queryable | undefined, userId: string): Promise<BanRow[]> {
    return await this.q(m).query('SELECT * FROM rewards.bans WHERE user_id = $1 ORDER BY from_ts DESC, id DESC', [userId]) as BanRow[];
  }

  /** Lifts the user's bans that have not ended by `now`. */
  async unsetRunning(m: Queryable, userId: string, now: Date): Promise<void> {
    await m.query('UPDATE rewards.bans SET unset_at = $2 WHERE user_id = $1 AND unset_at IS NULL AND to_ts > $2', [userId, now]);
  }

  async insertManual(m: Queryable, userId: string, reason: string, from: Date, to: Date): Promise<void> {
    await m.query(`INSERT INTO rewards.bans (user_id, rule_id, reason, from_ts, to_ts) VALUES ($1, 'manual', $2, $3, $4)`, [userId, reason, from, to]);
  }
}

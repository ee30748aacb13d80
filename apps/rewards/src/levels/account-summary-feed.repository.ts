import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../common/sql-repository.js';

/** rewards.account_summary_dirty: users whose account summary changed (marked by triggers, see migration AccountSummaryFeed). */
@Injectable()
export class AccountSummaryFeedRepository extends SqlRepository {
  /** Takes up to `limit` marked users, oldest marks first (SKIP LOCKED: replicas share the work). */
  async take(limit: number): Promise<string[]> {
    // A CTE so the driver answers plain rows (a bare DELETE answers [rows, count] through TypeORM).
    return (await this.ds.query(`WITH taken AS (DELETE FROM rewards.account_summary_dirty WHERE user_id IN (
        SELECT user_id FROM rewards.account_summary_dirty ORDER BY marked_at LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING user_id)
      SELECT user_id FROM taken`, [limit]) as { user_id: string }[]).map((r) => r.user_id);
  }

  /** Marks the users again (their summaries were not sent). */
  async mark(userIds: string[]): Promise<void> {
    await this.ds.query('INSERT INTO rewards.account_summary_dirty (user_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [userIds]);
  }
}

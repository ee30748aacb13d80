import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { UserAccountSummary } from '#libs/contracts';

/** identity.account_summaries: rewards' part of GET /account, newest version wins, only for users we have. */
@Injectable()
export class AccountSummariesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async store(summaries: readonly UserAccountSummary[]): Promise<void> {
    if (summaries.length === 0) return;
    await this.dataSource.query(`
      INSERT INTO identity.account_summaries (user_id, coins, pending_coins, level_info, dashboard_info, version, valid_until)
      SELECT s.user_id, s.coins::numeric, s.pending_coins::numeric, s.level_info, s.dashboard_info, s.version, s.valid_until
      FROM jsonb_to_recordset($1::jsonb) AS s(user_id text, coins text, pending_coins text, level_info jsonb, dashboard_info jsonb, version bigint, valid_until timestamptz)
      JOIN identity.users u ON u.id = s.user_id
      ON CONFLICT (user_id) DO UPDATE SET coins = EXCLUDED.coins, pending_coins = EXCLUDED.pending_coins, level_info = EXCLUDED.level_info,
        dashboard_info = EXCLUDED.dashboard_info, version = EXCLUDED.version, valid_until = EXCLUDED.valid_until
      WHERE identity.account_summaries.version < EXCLUDED.version`,
    [JSON.stringify(summaries.map((s) => ({
      user_id: s.userId, coins: s.coins, pending_coins: s.pendingCoins, level_info: s.level_info, dashboard_info: s.dashboard_info,
      version: s.version, valid_until: s.validUntil,
    })))]);
  }
}

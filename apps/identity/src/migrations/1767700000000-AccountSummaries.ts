import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What GET /account shows of rewards (coins, level info, dashboard), fed by rewards'
 * `user.account-summaries`: the route reads it with the profile in one statement. Goes with the user.
 */
export class AccountSummaries1767700000000 implements MigrationInterface {
  name = 'AccountSummaries1767700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE identity.account_summaries (
      user_id text PRIMARY KEY REFERENCES identity.users (id) ON DELETE CASCADE,
      coins numeric(78,0) NOT NULL, pending_coins numeric(78,0) NOT NULL,
      level_info jsonb NOT NULL, dashboard_info jsonb NOT NULL,
      version bigint NOT NULL, valid_until timestamptz NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE identity.account_summaries');
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * For identity's users admin read model (stats/user-stats.reader.ts): the version sequence that
 * orders the snapshots of one user, and the two lookups by user the snapshot needs that no index
 * served (widget views by user, invitations by the user who accepted them).
 */
export class UserStatsSnapshots1767300000020 implements MigrationInterface {
  name = 'UserStatsSnapshots1767300000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SEQUENCE rewards.user_stats_version AS bigint');
    await q.query('CREATE INDEX widget_views_user ON rewards.widget_views (user_id, widget)');
    await q.query('CREATE INDEX buddy_invitations_accepted_by ON rewards.buddy_invitations (accepted_by) WHERE accepted_by IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX rewards.buddy_invitations_accepted_by');
    await q.query('DROP INDEX rewards.widget_views_user');
    await q.query('DROP SEQUENCE rewards.user_stats_version');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to what GET /account reads (the user's row, memberships, rewards' account summary)
 * sends `NOTIFY identity_account_changed, '<user id>'` when it commits; a change to a participant's
 * summary sends '*' (it shows in all its members' answers). identity's replicas listen and drop their
 * cached answers (AccountCache). Triggers, not each writer, so no write path can forget to tell.
 * Postgres folds identical notices of one transaction into one.
 */
export class AccountChangeNotices1767950000000 implements MigrationInterface {
  name = 'AccountChangeNotices1767950000000';

  async up(q: QueryRunner): Promise<void> {
    // One statement per branch: PL/pgSQL prepares a statement when it first runs, and users has no user_id.
    await q.query(`CREATE FUNCTION identity.account_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'users' THEN
          PERFORM pg_notify('identity_account_changed', OLD.id);
        ELSE
          IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('identity_account_changed', OLD.user_id); END IF;
          IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('identity_account_changed', NEW.user_id); END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION identity.all_accounts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('identity_account_changed', '*'); RETURN NULL; END $$`);
    // A new user has no cached answer: only updates and deletions of users matter.
    await q.query(`CREATE TRIGGER account_changed AFTER UPDATE OR DELETE ON identity.users
      FOR EACH ROW EXECUTE FUNCTION identity.account_changed()`);
    for (const table of ['memberships', 'account_summaries']) {
      await q.query(`CREATE TRIGGER account_changed AFTER INSERT OR UPDATE OR DELETE ON identity.${table}
        FOR EACH ROW EXECUTE FUNCTION identity.account_changed()`);
    }
    await q.query(`CREATE TRIGGER account_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON identity.participants
      FOR EACH STATEMENT EXECUTE FUNCTION identity.all_accounts_changed()`);
    for (const table of ['users', 'memberships', 'account_summaries']) {
      await q.query(`CREATE TRIGGER accounts_truncated AFTER TRUNCATE ON identity.${table}
        FOR EACH STATEMENT EXECUTE FUNCTION identity.all_accounts_changed()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['users', 'memberships', 'account_summaries', 'participants']) await q.query(`DROP TRIGGER account_changed ON identity.${table}`);
    for (const table of ['users', 'memberships', 'account_summaries']) await q.query(`DROP TRIGGER accounts_truncated ON identity.${table}`);
    await q.query('DROP FUNCTION identity.account_changed()');
    await q.query('DROP FUNCTION identity.all_accounts_changed()');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

const SHARDS = 16;
const DAY = `(created_at AT TIME ZONE 'UTC')::date`;

/**
 * How many users signed up on each UTC day (`user_search_created_days`, in 16 shards by uid as
 * user_search_count, so that concurrent sign-ups rarely wait for each other), kept by triggers in
 * the same transaction as user_search. users/get pages deep into the unfiltered list by sign-up
 * date from it: the days before the page are counted from this table, and only the rows of the
 * page's own day are skipped in the index (users-query.ts), instead of every row before the page.
 * Also: autovacuum visits user_search after 2 % of its rows changed (not 20 %), so that the
 * visibility map stays set and the count and sort indexes are read without visiting the table,
 * although statistics events update rows all day long.
 */
export class UsersCreatedDays1768000000300 implements MigrationInterface {
  name = 'UsersCreatedDays1768000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE identity.user_search_created_days (
      day date NOT NULL, shard smallint NOT NULL, n bigint NOT NULL, PRIMARY KEY (day, shard) INCLUDE (n))`);
    await q.query(`INSERT INTO identity.user_search_created_days (day, shard, n)
      SELECT ${DAY}, uid % ${SHARDS}, count(*) FROM identity.user_search GROUP BY 1, 2`);
    await q.query(`
      CREATE FUNCTION identity.user_search_created_days() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO identity.user_search_created_days AS c (day, shard, n)
            SELECT ${DAY}, uid % ${SHARDS}, count(*) FROM rows_new GROUP BY 1, 2 ORDER BY 1, 2
          ON CONFLICT (day, shard) DO UPDATE SET n = c.n + EXCLUDED.n;
        ELSE
          UPDATE identity.user_search_created_days c SET n = c.n - a.n
            FROM (SELECT ${DAY} AS day, uid % ${SHARDS} AS shard, count(*) AS n FROM rows_old GROUP BY 1, 2) a
            WHERE c.day = a.day AND c.shard = a.shard;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER user_search_created_days_added AFTER INSERT ON identity.user_search REFERENCING NEW TABLE AS rows_new
      FOR EACH STATEMENT EXECUTE FUNCTION identity.user_search_created_days()`);
    await q.query(`CREATE TRIGGER user_search_created_days_removed AFTER DELETE ON identity.user_search REFERENCING OLD TABLE AS rows_old
      FOR EACH STATEMENT EXECUTE FUNCTION identity.user_search_created_days()`);
    // A changed sign-up date (rare) moves the user to another day; other updates do not fire it.
    await q.query(`
      CREATE FUNCTION identity.user_search_created_day_moved() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE identity.user_search_created_days SET n = n - 1 WHERE day = (OLD.created_at AT TIME ZONE 'UTC')::date AND shard = OLD.uid % ${SHARDS};
        INSERT INTO identity.user_search_created_days AS c (day, shard, n) VALUES ((NEW.created_at AT TIME ZONE 'UTC')::date, NEW.uid % ${SHARDS}, 1)
          ON CONFLICT (day, shard) DO UPDATE SET n = c.n + 1;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER user_search_created_day_moved AFTER UPDATE OF created_at ON identity.user_search FOR EACH ROW
      WHEN ((OLD.created_at AT TIME ZONE 'UTC')::date IS DISTINCT FROM (NEW.created_at AT TIME ZONE 'UTC')::date)
      EXECUTE FUNCTION identity.user_search_created_day_moved()`);
    await q.query('ALTER TABLE identity.user_search SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE identity.user_search RESET (autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor)');
    await q.query('DROP TRIGGER user_search_created_day_moved ON identity.user_search');
    await q.query('DROP TRIGGER user_search_created_days_removed ON identity.user_search');
    await q.query('DROP TRIGGER user_search_created_days_added ON identity.user_search');
    await q.query('DROP FUNCTION identity.user_search_created_day_moved(), identity.user_search_created_days()');
    await q.query('DROP TABLE identity.user_search_created_days');
  }
}

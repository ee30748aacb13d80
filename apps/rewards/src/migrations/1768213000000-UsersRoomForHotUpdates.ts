import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * rewards.users at fillfactor 50: month-end rewrites every user row it examines (level, period),
 * each batch a range of neighbouring ids, so all rows of a page get a new version in one
 * statement. With full pages every one of them was a non-HOT update (a new users_pkey entry and
 * its WAL per user); with half of each page free they stay on their page (HOT), and pruning frees
 * the old versions before the next run. Scans' per-user counters (scans_count, last_scan_at)
 * update HOT as well. Existing pages are not rewritten here: rows moved by updates land in pages
 * filled to the new limit, so the table converges after a month-end and a vacuum (or at once with
 * VACUUM FULL / pg_repack, if an operator wants it).
 */
export class UsersRoomForHotUpdates1768213000000 implements MigrationInterface {
  name = 'UsersRoomForHotUpdates1768213000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE rewards.users SET (fillfactor = 50)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE rewards.users RESET (fillfactor)');
  }
}

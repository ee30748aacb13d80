import { MigrationInterface, QueryRunner } from 'typeorm';
import { CONTRIBUTOR_LEVELS_SEED } from './1767300000001-seed-data/contributor-levels.js';
import { USER_LEVELS_SEED } from './1767300000001-seed-data/user-levels.js';
import { USERS_REMINDERS_SEED } from './1767300000001-seed-data/users-reminders.js';

/** Level rules, texts, reminder rules and ban rules are data: seeded here from the doc, edited in SQL. */
export class SeedRewardsRules1767300000001 implements MigrationInterface {
  name = 'SeedRewardsRules1767300000001';

  async up(q: QueryRunner): Promise<void> {
    for (const [i, level] of USER_LEVELS_SEED.entries()) {
      await q.query('INSERT INTO rewards.level_definitions (type, position, definition) VALUES ($1, $2, $3)', [level.type, i, JSON.stringify(level)]);
    }
    for (const [i, level] of CONTRIBUTOR_LEVELS_SEED.entries()) {
      await q.query('INSERT INTO rewards.contributor_levels (type, position, definition) VALUES ($1, $2, $3)', [level.type, i, JSON.stringify(level)]);
    }
    for (const [i, rule] of USERS_REMINDERS_SEED.entries()) {
      await q.query('INSERT INTO rewards.reminder_rules (id, position, rule) VALUES ($1, $2, $3)', [rule.id, i, JSON.stringify(rule)]);
    }
    await q.query(`INSERT INTO rewards.ban_rules (id, rule) VALUES ('scan_interval', $1)`,
      [JSON.stringify({ reason: 'Too frequent scans.', min_interval_ms: 1000, ban_seconds: 86_400 })]);
    await q.query(`INSERT INTO rewards.campaigns (id, name, coin_rate) VALUES ('urn:authenticateit:campaign:1', 'System campaign', 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['level_definitions', 'contributor_levels', 'reminder_rules', 'ban_rules', 'campaigns']) {
      await q.query(`DELETE FROM rewards.${table}`);
    }
  }
}

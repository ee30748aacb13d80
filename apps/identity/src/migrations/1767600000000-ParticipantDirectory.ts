import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What identity shows of each participant (name, modules, prefixes, contact fields), fed by
 * billing's `participant.changed`: sign-in, GET /account and switch-context read it locally.
 */
export class ParticipantDirectory1767600000000 implements MigrationInterface {
  name = 'ParticipantDirectory1767600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE identity.participants (
      id text PRIMARY KEY, summary jsonb NOT NULL, version bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE identity.participants');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pending participant comes from the brand-unlock flow (`PUT /account/pending_participant`) or
 * from a participant registration recorded by billing (`POST /account/participant`, then
 * `participant.registration-requested`); the moderator's approval goes back the way it came.
 */
export class PendingParticipantSource1767500000000 implements MigrationInterface {
  name = 'PendingParticipantSource1767500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.pending_participants
      ADD COLUMN source text NOT NULL DEFAULT 'brand-unlock' CHECK (source IN ('brand-unlock', 'registration')),
      ADD COLUMN source_ref text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE identity.pending_participants DROP COLUMN source, DROP COLUMN source_ref');
  }
}

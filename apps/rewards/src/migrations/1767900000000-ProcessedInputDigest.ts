import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The digest of each processed input's kind and canonical body (inputs/body-digest.ts): a key
 * reused with another body answers a conflict. Rows from before stay NULL and answer as before.
 */
export class ProcessedInputDigest1767900000000 implements MigrationInterface {
  name = 'ProcessedInputDigest1767900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE rewards.processed_inputs ADD COLUMN body_digest bytea');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE rewards.processed_inputs DROP COLUMN body_digest');
  }
}

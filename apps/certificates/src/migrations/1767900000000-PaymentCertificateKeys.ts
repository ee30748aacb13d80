import type { MigrationInterface, QueryRunner } from 'typeorm';

const T = 'certificates.payment_certificates';

/**
 * Bulk-create writes 10,000 rows in one COPY; each index costs every row an insertion (in the
 * profile, index upkeep was most of Postgres's time). Two indexes instead of three: the primary
 * key becomes (participant_id, id), which every read and write by id already names (the ids stay
 * unique: they come from the identity column), and serves the list's order, so the separate
 * (participant_id, id) index goes. The codes' uniqueness per participant stays as it was, deferrable,
 * with the code first, so most comparisons end at the first column. Both text columns compare
 * bytewise (COLLATE "C"): which codes are equal, hence what is unique, is the same under every
 * deterministic collation; only the ordering of codes would differ, and nothing orders by code.
 */
export class PaymentCertificateKeys1767900000000 implements MigrationInterface {
  name = 'PaymentCertificateKeys1767900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ${T} DROP CONSTRAINT payment_certificates_code_per_participant, DROP CONSTRAINT payment_certificates_pkey`);
    await q.query('DROP INDEX certificates.payment_certificates_participant');
    await q.query(`ALTER TABLE ${T} ALTER COLUMN participant_id TYPE text COLLATE "C", ALTER COLUMN code TYPE text COLLATE "C"`);
    await q.query(`ALTER TABLE ${T} ADD CONSTRAINT payment_certificates_pkey PRIMARY KEY (participant_id, id),
      ADD CONSTRAINT payment_certificates_code_per_participant UNIQUE (code, participant_id) DEFERRABLE INITIALLY IMMEDIATE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ${T} DROP CONSTRAINT payment_certificates_code_per_participant, DROP CONSTRAINT payment_certificates_pkey`);
    await q.query(`ALTER TABLE ${T} ALTER COLUMN participant_id TYPE text COLLATE "default", ALTER COLUMN code TYPE text COLLATE "default"`);
    await q.query(`ALTER TABLE ${T} ADD CONSTRAINT payment_certificates_pkey PRIMARY KEY (id),
      ADD CONSTRAINT payment_certificates_code_per_participant UNIQUE (participant_id, code) DEFERRABLE INITIALLY IMMEDIATE`);
    await q.query(`CREATE INDEX payment_certificates_participant ON ${T} (participant_id, id)`);
  }
}

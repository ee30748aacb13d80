import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAuditTrailV1, dropAuditTrailV1 } from '#libs/audit';

/** rewards's audit trail (libs/audit): who did what to which target, when; append-only. */
export class AuditTrail1767800000000 implements MigrationInterface {
  name = 'AuditTrail1767800000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of createAuditTrailV1('rewards')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of dropAuditTrailV1('rewards')) await q.query(sql);
  }
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type PendingDetails, PendingParticipantEntity, type PendingSource } from './pending-participant.entity.js';

/** identity.pending_participants: one participant registration per user (draft, submitted, approved, rejected). */
@Injectable()
export class PendingParticipantsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private repo(m?: EntityManager) {
    return (m ?? this.dataSource.manager).getRepository(PendingParticipantEntity);
  }

  findByUser(userId: string): Promise<PendingParticipantEntity | null> {
    return this.repo().findOneBy({ userId });
  }

  findByCode(code: string): Promise<PendingParticipantEntity | null> {
    return this.repo().findOneBy({ code });
  }

  /**
   * Records (or extends) a user's draft; a submitted or decided one is left alone. In `m`'s
   * transaction when given (account creation with pending_participant).
   */
  async saveDraft(userId: string, details: PendingDetails, m?: EntityManager): Promise<void> {
    const cleaned = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined && v !== null));
    await (m ?? this.dataSource).query(
      `INSERT INTO identity.pending_participants (user_id, code, status, details) VALUES ($1, $2, 'draft', $3)
       ON CONFLICT (user_id) DO UPDATE SET details = identity.pending_participants.details || EXCLUDED.details, updated_at = now()
       WHERE identity.pending_participants.status IN ('draft', 'rejected')`,
      [userId, randomUUID(), JSON.stringify(cleaned)]);
  }

  /** A new submission replaces whatever the user had, with a fresh decision code. */
  async submit(userId: string, code: string, details: PendingDetails, source: PendingSource, sourceRef: string | null): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO identity.pending_participants (user_id, code, status, details, source, source_ref) VALUES ($1, $2, 'submitted', $3, $4, $5)
       ON CONFLICT (user_id) DO UPDATE SET code = EXCLUDED.code, status = 'submitted', details = EXCLUDED.details, source = EXCLUDED.source,
         source_ref = EXCLUDED.source_ref, participant_id = NULL, reason = NULL, decided_at = NULL, updated_at = now()`,
      [userId, code, JSON.stringify(details), source, sourceRef]);
  }

  /** Submitted → approved, atomically: false when it was decided meanwhile (a double click). */
  async claimApproval(code: string): Promise<boolean> {
    const claimed = await this.dataSource.query(
      `UPDATE identity.pending_participants SET status = 'approved', decided_at = now(), updated_at = now()
       WHERE code = $1 AND status = 'submitted' RETURNING user_id`, [code]);
    const claimedRows = Array.isArray(claimed[0]) ? claimed[0] : claimed;
    return claimedRows.length > 0;
  }

  /** Undoes claimApproval (the participant could not be created). */
  async releaseApproval(code: string): Promise<void> {
    await this.dataSource.query(`UPDATE identity.pending_participants SET status = 'submitted', decided_at = NULL WHERE code = $1`, [code]);
  }

  async setParticipant(m: EntityManager, code: string, participantId: string): Promise<void> {
    await m.query(`UPDATE identity.pending_participants SET participant_id = $2 WHERE code = $1`, [code, participantId]);
  }

  async reject(m: EntityManager, userId: string, reason: string | null): Promise<void> {
    await this.repo(m).update({ userId }, { status: 'rejected', reason, decidedAt: new Date() });
  }

  async deleteAllOfParticipant(m: EntityManager, participantId: string): Promise<void> {
    await this.repo(m).delete({ participantId });
  }

  /** The details of the undecided (draft or submitted) registrations of these users. */
  openDetailsOf(userIds: string[]): Promise<{ user_id: string; details: Record<string, unknown> }[]> {
    return this.dataSource.query(`SELECT user_id, details FROM identity.pending_participants WHERE user_id = ANY($1) AND status IN ('draft', 'submitted')`, [userIds]);
  }
}

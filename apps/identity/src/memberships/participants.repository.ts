import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ParticipantSummary } from '#libs/contracts';

/** identity.participants: the read model of billing's participants (summary per id, newest version wins). */
@Injectable()
export class ParticipantsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async summaries(ids: string[]): Promise<ParticipantSummary[]> {
    const rows = await this.dataSource.query('SELECT summary FROM identity.participants WHERE id = ANY($1)', [ids]) as { summary: ParticipantSummary }[];
    return rows.map((r) => r.summary);
  }

  async delete(participantId: string): Promise<void> {
    await this.dataSource.query('DELETE FROM identity.participants WHERE id = $1', [participantId]);
  }

  /** Kept only when `version` is newer than the stored one. */
  async store(summary: ParticipantSummary, version: number): Promise<void> {
    await this.dataSource.query(`INSERT INTO identity.participants (id, summary, version) VALUES ($1, $2, $3)
      ON CONFLICT (id) DO UPDATE SET summary = EXCLUDED.summary, version = EXCLUDED.version, updated_at = now()
      WHERE identity.participants.version < EXCLUDED.version`, [summary.id, JSON.stringify(summary), version]);
  }
}

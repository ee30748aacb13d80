import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CERTIFICATES_SCHEMA as S } from '../database/certificates-schema.js';

/**
 * Deletions and registrations announced by identity, kept as the latest time of each, so the
 * events may arrive in any order and twice: an id is gone while its deletion is newer than its
 * registration.
 */
@Injectable()
export class UserPresenceRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async deleted(userId: string, at: Date): Promise<void> {
    await this.dataSource.query(`INSERT INTO ${S}.user_presence (user_id, deleted_at) VALUES ($1, $2)
      ON CONFLICT (user_id) DO UPDATE SET deleted_at = greatest(${S}.user_presence.deleted_at, EXCLUDED.deleted_at)`, [userId, at]);
  }

  async registered(userId: string, at: Date): Promise<void> {
    await this.dataSource.query(`INSERT INTO ${S}.user_presence (user_id, registered_at) VALUES ($1, $2)
      ON CONFLICT (user_id) DO UPDATE SET registered_at = greatest(${S}.user_presence.registered_at, EXCLUDED.registered_at)`, [userId, at]);
  }

  async isGone(userId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM ${S}.user_presence
      WHERE user_id = $1 AND deleted_at IS NOT NULL AND deleted_at > coalesce(registered_at, '-infinity')`, [userId]) as unknown[];
    return rows.length > 0;
  }
}

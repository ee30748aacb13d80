import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface PushFailure {
  messageId: string; userId: string; deviceType: string; deviceHash: string; provider: string;
  reason: string; httpStatus?: number; attempts: number; deviceRemoved: boolean;
}

/** identity.push_failures: one row per message and device given up on (the token itself is not kept). */
@Injectable()
export class PushFailuresRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  /** Once per message and device; nothing when the user is gone meanwhile. */
  async record(f: PushFailure): Promise<void> {
    await this.ds.query(
      `INSERT INTO identity.push_failures (message_id, user_id, device_type, device_hash, provider, reason, http_status, attempts, device_removed)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE EXISTS (SELECT 1 FROM identity.users WHERE id = $2)
       ON CONFLICT (message_id, device_hash) DO NOTHING`,
      [f.messageId, f.userId, f.deviceType, f.deviceHash, f.provider, f.reason.slice(0, 200), f.httpStatus ?? null, f.attempts, f.deviceRemoved],
    );
  }
}

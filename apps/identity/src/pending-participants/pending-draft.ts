import { randomUUID } from 'node:crypto';
import type { PendingDetails } from './pending-participant.entity.js';

type Query = { query(sql: string, params?: unknown[]): Promise<unknown> };

/**
 * Records (or extends) a user's participant registration draft. Used inside the account
 * creation transaction (pending_participant in POST /account) and by the pending flow itself.
 */
export async function savePendingDraft(q: Query, userId: string, details: PendingDetails): Promise<void> {
  const cleaned = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined && v !== null));
  await q.query(
    `INSERT INTO identity.pending_participants (user_id, code, status, details) VALUES ($1, $2, 'draft', $3)
     ON CONFLICT (user_id) DO UPDATE SET details = identity.pending_participants.details || EXCLUDED.details, updated_at = now()
     WHERE identity.pending_participants.status IN ('draft', 'rejected')`,
    [userId, randomUUID(), JSON.stringify(cleaned)]);
}

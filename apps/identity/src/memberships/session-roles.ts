import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { TicketStore, type StoredSession } from '#libs/session';
import { REDIS } from '../redis/redis.module.js';
import { CONSUMER_ROLES } from './roles.js';

/**
 * Keeps live sessions in step with memberships. Only the sessions whose current participant is
 * the changed one get the new roles (TicketStore.updateAllFor would patch every session of the
 * user, also those in other participants). Reads TicketStore's user index (`sess-user:<id>`,
 * `sess:<hash>`); a `TicketStore.updateWhere` would let this file go.
 */
@Injectable()
export class SessionRoles {
  constructor(@Inject(REDIS) private readonly redis: Redis, private readonly tickets: TicketStore) {}

  /** New roles in `participantId`; `null` roles: membership gone, those sessions become consumer sessions. */
  async apply(userId: string, participantId: string, roles: string[] | null): Promise<number> {
    const hashes = await this.redis.smembers(`sess-user:${userId}`);
    let updated = 0;
    for (const hash of hashes) {
      const raw = await this.redis.get(`sess:${hash}`);
      if (!raw || (JSON.parse(raw) as StoredSession).currentParticipant !== participantId) continue;
      const patch = roles ? { roles } : { roles: [...CONSUMER_ROLES], currentParticipant: '', modules: [] };
      if (await this.tickets.update(hash, patch)) updated += 1;
    }
    return updated;
  }
}

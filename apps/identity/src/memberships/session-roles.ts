import { Injectable } from '@nestjs/common';
import { TicketStore } from '#libs/session';
import { CONSUMER_ROLES } from './roles.js';

/**
 * Keeps live sessions in step with memberships. Only the sessions whose current participant is
 * the changed one get the new roles (sessions in other participants keep theirs).
 */
@Injectable()
export class SessionRoles {
  constructor(private readonly tickets: TicketStore) {}

  /** New roles in `participantId`; `null` roles: membership gone, those sessions become consumer sessions. */
  apply(userId: string, participantId: string, roles: string[] | null): Promise<number> {
    const patch = roles ? { roles } : { roles: [...CONSUMER_ROLES], currentParticipant: '', modules: [] };
    return this.tickets.updateWhere(userId, (session) => session.currentParticipant === participantId, patch);
  }
}

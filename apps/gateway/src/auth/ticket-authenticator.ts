import { Injectable } from '@nestjs/common';
import type { SessionInfo } from '#libs/contracts';
import { DomainError, ErrorKind } from '#libs/errors';
import { TicketStore } from '#libs/session';
import { isWellFormedTicket } from './credentials.js';

@Injectable()
export class TicketAuthenticator {
  constructor(private readonly store: TicketStore) {}

  /** The live session of a ticket (one GETEX, sliding its TTL), or null. */
  async sessionOf(ticket: string): Promise<SessionInfo | null> {
    if (!isWellFormedTicket(ticket)) return null;
    try {
      return await this.store.lookup(ticket.toLowerCase());
    } catch {
      throw new DomainError(ErrorKind.Unavailable, 'Session store unavailable');
    }
  }
}

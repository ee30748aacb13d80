import { Injectable } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { type ApiKeyCaller, type RouteAuth, SECURITY_ADMIN_ROLE, type SessionInfo, SYSTEM_PARTICIPANT_ID } from '#libs/contracts';
import { assertNever, DomainError } from '#libs/errors';
import { ApiKeyAuthenticator } from './api-key-authenticator.js';
import { presentedApiKey, presentedTicket } from './credentials.js';
import { TicketAuthenticator } from './ticket-authenticator.js';

export interface Caller { session?: SessionInfo; apiKey?: ApiKeyCaller }

const ANONYMOUS: Caller = Object.freeze({});

/** Applies a route's `auth` (see RouteAuth in libs/contracts) to the request headers. */
@Injectable()
export class RouteAuthenticator {
  constructor(private readonly tickets: TicketAuthenticator, private readonly apiKeys: ApiKeyAuthenticator) {}

  async authenticate(auth: RouteAuth, headers: IncomingHttpHeaders, requestId: string): Promise<Caller> {
    switch (auth) {
      case 'none': return this.optionalSession(headers);
      case 'reset-ticket': return ANONYMOUS; // identity checks the one-time ticket itself
      case 'ticket': return { session: await this.requireSession(headers) };
      case 'system': {
        const session = await this.requireSession(headers);
        if (session.currentParticipant !== SYSTEM_PARTICIPANT_ID) throw DomainError.forbidden('System participant context required');
        return { session };
      }
      case 'sys-admin': {
        const session = await this.requireSession(headers);
        if (session.currentParticipant !== SYSTEM_PARTICIPANT_ID || !session.roles.includes(SECURITY_ADMIN_ROLE)) {
          throw DomainError.forbidden('Security admin of the system participant required');
        }
        return { session };
      }
      case 'api-key': {
        const key = presentedApiKey(headers);
        if (!key) throw DomainError.unauthenticated('Invalid or missing API key');
        return { apiKey: await this.apiKeys.verify(key, requestId) };
      }
      default: return assertNever(auth);
    }
  }

  private async requireSession(headers: IncomingHttpHeaders): Promise<SessionInfo> {
    const ticket = presentedTicket(headers);
    const session = ticket ? await this.tickets.sessionOf(ticket) : null;
    if (!session) throw DomainError.unauthenticated();
    return session;
  }

  /** Public routes still tell the service who calls when a valid ticket comes along. */
  private async optionalSession(headers: IncomingHttpHeaders): Promise<Caller> {
    const ticket = presentedTicket(headers);
    if (!ticket) return ANONYMOUS;
    const session = await this.tickets.sessionOf(ticket).catch(() => null);
    return session ? { session } : ANONYMOUS;
  }
}

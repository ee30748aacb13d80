import { Injectable } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { type ApiKeyCaller, type RouteAuth, type SessionInfo } from '#libs/contracts';
import { sessionFor } from '#libs/transport';
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
      case 'ticket':
      case 'system':
      case 'sys-admin': return { session: sessionFor(auth, await this.presentedSession(headers)) };
      case 'api-key': {
        const key = presentedApiKey(headers);
        if (!key) throw DomainError.unauthenticated('Invalid or missing API key');
        return { apiKey: await this.apiKeys.verify(key, requestId) };
      }
      default: return assertNever(auth);
    }
  }

  private async presentedSession(headers: IncomingHttpHeaders): Promise<SessionInfo | null> {
    const ticket = presentedTicket(headers);
    return ticket ? this.tickets.sessionOf(ticket) : null;
  }

  /** Public routes still tell the service who calls when a valid ticket comes along. */
  private async optionalSession(headers: IncomingHttpHeaders): Promise<Caller> {
    const ticket = presentedTicket(headers);
    if (!ticket) return ANONYMOUS;
    const session = await this.tickets.sessionOf(ticket).catch(() => null);
    return session ? { session } : ANONYMOUS;
  }
}

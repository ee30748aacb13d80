import { SECURITY_ADMIN_ROLE, type SessionInfo, SYSTEM_PARTICIPANT_ID } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import type { SessionAuth } from './caller-policy.js';

/**
 * The session a `ticket`, `system` or `sys-admin` caller must have: 401 without one, 403 when it
 * lacks the context or role. The gateway and every service's edge apply this same function.
 */
export function sessionFor(auth: SessionAuth, session: SessionInfo | undefined | null): SessionInfo {
  if (!session?.userId) throw DomainError.unauthenticated();
  if (auth === 'ticket') return session;
  if (session.currentParticipant !== SYSTEM_PARTICIPANT_ID) throw DomainError.forbidden('System participant context required');
  if (auth === 'sys-admin' && !session.roles.includes(SECURITY_ADMIN_ROLE)) {
    throw DomainError.forbidden('Security admin of the system participant required');
  }
  return session;
}

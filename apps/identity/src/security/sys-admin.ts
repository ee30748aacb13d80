import { SECURITY_ADMIN_ROLE, type SessionInfo, SYSTEM_PARTICIPANT_ID } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { SecurityError, securityError } from './security-errors.js';

/** The gateway already checks sys-admin routes; checked again here so no other caller can skip it. */
export function requireSysAdmin(session: SessionInfo | undefined): SessionInfo {
  if (!session) throw DomainError.unauthenticated();
  if (session.currentParticipant !== SYSTEM_PARTICIPANT_ID || !session.roles.includes(SECURITY_ADMIN_ROLE)) {
    throw securityError(SecurityError.NotSysAdmin);
  }
  return session;
}

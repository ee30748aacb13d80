import { SECURITY_ADMIN_ROLE, type SessionInfo, SYSTEM_PARTICIPANT_ID } from '#libs/contracts';
import { DomainError } from '#libs/errors';

export function requireSession(session: SessionInfo | undefined): SessionInfo {
  if (!session) throw DomainError.unauthenticated();
  return session;
}

/** The gateway checks `sys-admin` routes; checked again so a direct transport caller cannot skip it. */
export function requireSysAdmin(session: SessionInfo | undefined): SessionInfo {
  const s = requireSession(session);
  if (s.currentParticipant !== SYSTEM_PARTICIPANT_ID || !s.roles.includes(SECURITY_ADMIN_ROLE)) {
    throw DomainError.forbidden('Only a security admin of the system participant may do this');
  }
  return s;
}

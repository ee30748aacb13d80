import { SECURITY_ADMIN_ROLE, SYSTEM_PARTICIPANT_ID, type SessionInfo } from '#libs/contracts';
import { DomainError } from '#libs/errors';

/** The gateway already checks `sys-admin` routes; services check again (defence in depth). */
export function requireSysAdmin(session: SessionInfo | undefined): SessionInfo {
  if (!session) throw DomainError.unauthenticated();
  if (session.currentParticipant !== SYSTEM_PARTICIPANT_ID || !session.roles.includes(SECURITY_ADMIN_ROLE)) {
    throw DomainError.forbidden('Forbidden', 'identity.admin.forbidden');
  }
  return session;
}

export function requireSystemUser(session: SessionInfo | undefined): SessionInfo {
  if (!session) throw DomainError.unauthenticated();
  if (session.currentParticipant !== SYSTEM_PARTICIPANT_ID) throw DomainError.forbidden('Forbidden', 'identity.admin.forbidden');
  return session;
}

import { Header, type MessageHeaders, SECURITY_ADMIN_ROLE, type SessionInfo, sessionFromHeaders, SYSTEM_PARTICIPANT_ID } from '#libs/contracts';
import { DomainError } from '#libs/errors';

/** The one service that asks the others for their trail (`<Service>Pattern.AuditList`). */
export const AUDIT_GATHERER = 'identity';

/** The audit trail is for sys-admins only. */
export function requireAuditReader(session: SessionInfo | undefined): SessionInfo {
  if (!session) throw DomainError.unauthenticated();
  if (session.currentParticipant !== SYSTEM_PARTICIPANT_ID || !session.roles.includes(SECURITY_ADMIN_ROLE)) {
    throw DomainError.forbidden('Only a security admin of the system participant may read the audit trail', 'audit.forbidden');
  }
  return session;
}

/** `<Service>Pattern.AuditList` is internal: only identity asks, forwarding the sys-admin's session. */
export function requireAuditGatherer(headers: MessageHeaders | undefined): SessionInfo {
  if (headers?.[Header.Caller] !== AUDIT_GATHERER) throw DomainError.forbidden('The audit list is for identity only', 'audit.internal_only');
  return requireAuditReader(sessionFromHeaders(headers));
}

import { type ApiKeyCaller, Header, type MessageHeaders, type SessionInfo, SYSTEM_PARTICIPANT_ID, sessionFromHeaders } from '#libs/contracts';
import { CertificatesErrorCode, certificatesError } from './certificates-errors.js';

/** The participant behind an `api-key` route, as the gateway put it in the headers. */
export function apiKeyCallerOf(headers: MessageHeaders | undefined): ApiKeyCaller {
  const raw = headers?.[Header.ApiKey];
  if (raw) {
    try {
      const caller = JSON.parse(raw) as Partial<ApiKeyCaller>;
      if (typeof caller.participantId === 'string' && typeof caller.keyId === 'string') {
        return { participantId: caller.participantId, keyId: caller.keyId };
      }
    } catch { /* falls through to the error */ }
  }
  throw certificatesError(CertificatesErrorCode.ApiKeyRequired, 'API key required');
}

export function requireSession(headers: MessageHeaders | undefined): SessionInfo {
  const session = sessionFromHeaders(headers);
  if (!session) throw certificatesError(CertificatesErrorCode.SessionRequired, 'Invalid or missing ticket');
  return session;
}

/** The gateway already checks `system` routes; checked again so a direct transport caller cannot skip it. */
export function requireSystemSession(headers: MessageHeaders | undefined): SessionInfo {
  const session = requireSession(headers);
  if (session.currentParticipant !== SYSTEM_PARTICIPANT_ID) {
    throw certificatesError(CertificatesErrorCode.SystemOnly, 'Only the system participant may do this');
  }
  return session;
}

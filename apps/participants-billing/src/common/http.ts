import { type HttpRequestPayload, SECURITY_ADMIN_ROLE, type SessionInfo, SYSTEM_PARTICIPANT_ID } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { BillingErrorCode, billingError } from './billing-errors.js';

/** The body of a forwarded HTTP request; a missing body counts as `{}`. */
export function bodyOf(payload: HttpRequestPayload | undefined): unknown {
  return payload?.body ?? {};
}

export function paramOf(payload: HttpRequestPayload | undefined, name: string): string {
  const value = payload?.params?.[name];
  if (typeof value !== 'string' || value === '') throw DomainError.invalid(`Missing path parameter ${name}`);
  return value; // the gateway's router has already percent-decoded it
}

export function requireSession(session: SessionInfo | undefined): SessionInfo {
  if (!session?.userId) throw billingError(BillingErrorCode.NotAuthenticated, 'Invalid or missing ticket');
  return session;
}

/**
 * A sys-admin (security_admin in the system participant) or the participant's own security_admin
 * (the session's current participant is that participant); 401 without a session, 403 otherwise.
 */
export function requireParticipantAdmin(session: SessionInfo | undefined, participantId: string): SessionInfo {
  const caller = requireSession(session);
  const admin = caller.roles.includes(SECURITY_ADMIN_ROLE);
  if (!admin || (caller.currentParticipant !== SYSTEM_PARTICIPANT_ID && caller.currentParticipant !== participantId)) {
    throw billingError(BillingErrorCode.Forbidden, "Only a sys-admin or this participant's security_admin may do this");
  }
  return caller;
}

/** `2019-02-01` for a date column value (pg returns `date` as a string already). */
export function isoDate(value: string | Date | null): string | null {
  if (value === null) return null;
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** `2019-03-27T07:49:35Z` as in the doc (no milliseconds). */
export function isoSeconds(value: Date | null): string | null {
  return value === null ? null : value.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** True for an existing calendar day `YYYY-MM-DD` (rejects 2019-02-30). */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && !Number.isNaN(Date.parse(value));
}

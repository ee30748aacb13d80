import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { type HttpRequestPayload, SECURITY_ADMIN_ROLE, type SessionInfo, SYSTEM_PARTICIPANT_ID } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { StreamContext } from '#libs/transport';
import { BillingErrorCode, billingError } from './billing-errors.js';

/**
 * A sys-admin (security_admin in the system participant) or the participant's own security_admin
 * (the session's current participant is that participant); 401 without a session, 403 otherwise.
 */
export function requireParticipantAdmin(session: SessionInfo | undefined, participantId: string): SessionInfo {
  if (!session?.userId) throw DomainError.unauthenticated();
  const admin = session.roles.includes(SECURITY_ADMIN_ROLE);
  if (!admin || (session.currentParticipant !== SYSTEM_PARTICIPANT_ID && session.currentParticipant !== participantId)) {
    throw billingError(BillingErrorCode.Forbidden, "Only a sys-admin or this participant's security_admin may do this");
  }
  return session;
}

/**
 * Routes `/participants/participant/:id/...` that the participant's own security_admin may call
 * too (route auth `ticket`). A guard, so that its 403 still comes before the body's 400.
 */
@Injectable()
export class ParticipantAdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const rpc = context.switchToRpc();
    const ctx = rpc.getContext<unknown>();
    const session = ctx instanceof StreamContext ? ctx.getSession() : undefined;
    requireParticipantAdmin(session, rpc.getData<HttpRequestPayload | undefined>()?.params?.id ?? '');
    return true;
  }
}

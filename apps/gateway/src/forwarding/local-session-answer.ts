import type { IncomingHttpHeaders } from 'node:http';
import type { SessionInfo } from '#libs/contracts';
import { presentedTicket } from '../auth/credentials.js';
import { IdentityPattern } from '#libs/contracts';

/** Pattern the gateway answers itself: the session it has just read from Redis is the answer. */
export const LOCAL_SESSION_PATTERN = IdentityPattern.SessionGet;

/**
 * `GET /identity-service/session` in the doc's shape. Answered at the edge: no hop to identity
 * on the hottest read, and the raw ticket (which only the gateway holds) never enters the transport.
 */
export function localSessionAnswer(session: SessionInfo, headers: IncomingHttpHeaders) {
  const answer: Record<string, unknown> = {};
  if (session.currentParticipant) answer.current_participant = session.currentParticipant;
  answer.id = session.userId;
  answer.modules = session.modules;
  answer.name = session.name;
  answer.roles = session.roles;
  answer.ticket = presentedTicket(headers);
  return answer;
}

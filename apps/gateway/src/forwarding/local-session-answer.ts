import type { IncomingHttpHeaders } from 'node:http';
import type { SessionInfo } from '#libs/contracts';
import { presentedTicket } from '../auth/credentials.js';
import { IdentityPattern } from '#libs/contracts';

/** Pattern the gateway answers itself: the session it has just read from Redis is the answer. */
export const LOCAL_SESSION_PATTERN = IdentityPattern.SessionGet;

/** The answer's fields before the ticket, per session object (TicketStore hands out the same one while the session is unchanged). */
const answerHeads = new WeakMap<SessionInfo, string>();

/**
 * `GET /identity-service/session` in the doc's shape, as JSON text. Answered at the edge: no hop to
 * identity on the hottest read, and the raw ticket (which only the gateway holds) never enters the
 * transport. The ticket is the last field, so the rest is encoded once per session.
 */
export function localSessionAnswer(session: SessionInfo, headers: IncomingHttpHeaders): string {
  let head = answerHeads.get(session);
  if (head === undefined) {
    const answer: Record<string, unknown> = {};
    if (session.currentParticipant) answer.current_participant = session.currentParticipant;
    answer.id = session.userId;
    answer.modules = session.modules;
    answer.name = session.name;
    answer.roles = session.roles;
    head = JSON.stringify(answer).slice(0, -1);
    answerHeads.set(session, head);
  }
  return `${head},"ticket":${JSON.stringify(presentedTicket(headers) ?? null)}}`;
}

import type { HttpRequestPayload } from '#libs/contracts';
import type { SessionOrigin } from '#libs/session';

/** Longer user agents are cut: the session list shows them, nothing parses them. */
const USER_AGENT_MAX = 256;

/** Where a sign-in came from, as the gateway saw it (client IP after trusted proxies, User-Agent). */
export function sessionOriginOf(req: Pick<HttpRequestPayload, 'ip' | 'headers'>): SessionOrigin {
  const origin: SessionOrigin = {};
  if (typeof req.ip === 'string' && req.ip) origin.ip = req.ip.slice(0, 64);
  const agent = req.headers?.['user-agent'];
  if (typeof agent === 'string' && agent) origin.userAgent = agent.slice(0, USER_AGENT_MAX);
  return origin;
}

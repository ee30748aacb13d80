import type { IncomingHttpHeaders } from 'node:http';

export const TICKET_HEADER = 'authenticateit_identity_ticket';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function single(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined || v === '' ? undefined : v;
}

/** `Authorization: <scheme> <credentials>` with the scheme compared case-insensitively. */
function authorizationCredentials(headers: IncomingHttpHeaders, scheme: string): string | undefined {
  const value = headers.authorization;
  if (!value || value.length <= scheme.length + 1 || value[scheme.length] !== ' ') return undefined;
  if (value.slice(0, scheme.length).toLowerCase() !== scheme) return undefined;
  return value.slice(scheme.length + 1).trim() || undefined;
}

/** The ticket as presented: `authenticateit_identity_ticket` header or `Authorization: Bearer`. */
export function presentedTicket(headers: IncomingHttpHeaders): string | undefined {
  return single(headers[TICKET_HEADER])?.trim() || authorizationCredentials(headers, 'bearer');
}

/** A participant API key: `X-Api-Key` header or `Authorization: Api-Key <key>`. */
export function presentedApiKey(headers: IncomingHttpHeaders): string | undefined {
  return single(headers['x-api-key'])?.trim() || authorizationCredentials(headers, 'api-key');
}

/** Tickets are UUIDs; anything else is rejected without a Redis round trip. */
export function isWellFormedTicket(ticket: string): boolean {
  return ticket.length === 36 && UUID.test(ticket);
}

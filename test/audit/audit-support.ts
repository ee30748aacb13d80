// Helpers of the audit suites: admin actions through the gateway from a known client IP, and the
// audit trail read back through POST /identity-service/audit/get.
import type { AuditAnswer, AuditEventView } from '#libs/contracts';
import { http, type RunningSystem } from '../support/system.js';
import { withTicket } from '../support/trust-callers.js';

export const AUDIT_GET = '/identity-service/audit/get';

export interface Acted { status: number; body: any; requestId: string; ip: string }

let ips = 0;
/** A documentation address (TEST-NET-3) per action, so a record's IP tells which call it came from. */
const nextIp = () => `203.0.113.${(++ips % 250) + 1}`;

/**
 * One HTTP call as `ticket` (empty: without one), from a fresh client IP (the gateway trusts X-Forwarded-For from
 * loopback, the default TRUSTED_PROXIES); the request id is the gateway's `x-request-id`.
 */
export async function act(sys: RunningSystem, ticket: string, method: string, path: string, body?: unknown): Promise<Acted> {
  const ip = nextIp();
  const res = await http(sys.baseUrl, method, path, { headers: { ...(ticket ? withTicket(ticket) : {}), 'x-forwarded-for': ip }, body });
  return { status: res.status, body: res.body, requestId: res.headers.get('x-request-id') ?? '', ip };
}

export async function auditGet(sys: RunningSystem, ticket: string, query: Record<string, unknown> = {}) {
  const res = await http(sys.baseUrl, 'POST', AUDIT_GET, { headers: withTicket(ticket), body: query });
  return res as { status: number; body: AuditAnswer & { error?: string; details?: { field: string }[] } };
}

/** Every event matching `query` (all pages of 100), failing on a source that did not answer. */
export async function allEvents(sys: RunningSystem, ticket: string, query: Record<string, unknown> = {}): Promise<AuditEventView[]> {
  const events: AuditEventView[] = [];
  let cursor: string | null | undefined;
  do {
    const res = await auditGet(sys, ticket, { ...query, limit: 100, ...(cursor ? { cursor } : {}) });
    if (res.status !== 200 || res.body.incomplete.length) throw new Error(`audit/get: ${res.status} ${JSON.stringify(res.body)}`);
    events.push(...res.body.events);
    cursor = res.body.next_cursor;
  } while (cursor);
  return events;
}

/** The events one request recorded. */
export async function recordedBy(sys: RunningSystem, ticket: string, acted: Acted, query: Record<string, unknown> = {}) {
  return (await allEvents(sys, ticket, query)).filter((e) => e.actor.request_id === acted.requestId);
}

export function expectOk(what: string, acted: Acted, ok = [200, 201, 202]): void {
  if (!ok.includes(acted.status)) throw new Error(`${what}: ${acted.status} ${JSON.stringify(acted.body)}`);
}

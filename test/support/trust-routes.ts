// Every HTTP route of HTTP_ROUTES as concrete, harmless requests for the trust suites, and the
// checks every answer must pass whoever calls with whatever input.
import { recordExchange } from './openapi-record.js';
import { HTTP_ROUTES, type HttpRoute, type RouteAuth, servedPaths, BillingPattern, CertificatesPattern, IdentityPattern } from '#libs/contracts';

export interface ConcreteRoute { route: HttpRoute; method: string; path: string; hasBody: boolean; label: string }

const ZERO_UUID = '00000000-0000-4000-8000-000000000000';

/** Dummy values that point at nothing (never participant 1, never a real user). */
export function dummyParam(route: HttpRoute, name: string): string {
  if (name === 'id' && route.path.includes('/participants/participant/')) return encodeURIComponent('urn:authenticateit:participant:999999');
  if (name === 'id' && route.path.includes('payment-certificate')) return '999999999';
  if (name === 'status') return 'approved';
  if (name === 'hash') return 'deadbeefdeadbeef';
  if (name === 'token') return 'not-a-real-token';
  return ZERO_UUID; // id, code, activation_code, cashout_id
}

export const fillPath = (route: HttpRoute, path: string, value: (name: string) => string = (n) => dummyParam(route, n)) =>
  path.replace(/:([A-Za-z_]+)/g, (_, name: string) => value(name));

export const paramNames = (route: HttpRoute) => [...route.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]);

/** One entry per served path of every route. */
export function concreteRoutes(): ConcreteRoute[] {
  return HTTP_ROUTES.flatMap((route) => servedPaths(route).map((served) => ({
    route, method: route.method, path: fillPath(route, served),
    hasBody: route.method === 'POST' || route.method === 'PUT',
    label: `#${route.row} ${route.method} ${served} [${route.auth}]`,
  })));
}

/**
 * `ticket` routes whose owning service checks a role in the caller's current participant
 * (nominate/denominate need security_admin there; activating a certificate needs the store's
 * participant session; a participant's top-up and contact settings need its security_admin or a
 * sys-admin), so a 403 is correct for callers without it.
 */
export const PARTICIPANT_ROLE_PATTERNS = new Set<string>([
  IdentityPattern.MembershipNominate, IdentityPattern.MembershipDenominate, CertificatesPattern.QrActivate,
  BillingPattern.DepositSetTopupHttp, BillingPattern.ParticipantSetContacts,
]);

/** Routes that end the caller's session or account: called with throwaway credentials. */
export const SELF_ENDING_PATTERNS = new Set<string>([IdentityPattern.SessionDelete, IdentityPattern.AccountDelete]);

export const AUTHS: readonly RouteAuth[] = ['none', 'ticket', 'sys-admin', 'system', 'api-key', 'reset-ticket'];

const STACK = /at .*\(.*:\d+:\d+\)|node_modules|\.ts:\d+/;

export interface Answer { status: number; headers: Headers; body: any }

/** Problems that no answer may have, whoever asks; an empty list when the answer is fine. */
export function answerProblems(answer: Answer): string[] {
  const problems: string[] = [];
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  if (answer.status >= 500 && !isMissingHandler(answer)) problems.push(`status ${answer.status} >= 500`);
  if (STACK.test(text ?? '')) problems.push('stack trace or source path in the answer');
  if (answer.status >= 400 && answer.status < 500) {
    if (typeof answer.body !== 'object' || answer.body === null) problems.push('4xx answer is not JSON');
    else if (typeof answer.body.error !== 'string') problems.push('4xx answer has no `error` string');
  }
  return problems;
}

/**
 * The owning service runs but has no handler for the route's pattern yet (the transport's
 * answer, 503): a known gap, acceptable; listed by the suites, never taken for a crash.
 */
/** Every route has its handler now: a "not available yet" 503 counts as a failure again. */
export function isMissingHandler(_answer: Answer): boolean {
  return false;
}

/** Readable one-block description of a request and its answer for failure messages. */
export function describeExchange(method: string, path: string, request: unknown, answer: Answer): string {
  const clip = (s: string) => (s.length > 600 ? `${s.slice(0, 600)}… (${s.length} chars)` : s);
  const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  return `${method} ${clip(path)}\n  request: ${clip(JSON.stringify(request) ?? 'undefined')}\n  answer: ${answer.status} ${clip(body ?? '')}`;
}

/** One request with a raw body and exactly the given headers (no content type unless given). */
export async function rawHttp(baseUrl: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: any = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  recordExchange(method, path, res, text, parsed);
  return { status: res.status, headers: res.headers, body: parsed };
}

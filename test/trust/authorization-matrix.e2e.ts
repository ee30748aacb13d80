// Every route of HTTP_ROUTES × every kind of caller, generated so that a new route cannot be
// forgotten: the status class must follow the route's auth column, and nothing answers 500.
import type { RouteAuth } from '#libs/contracts';
import { http, type RunningSystem } from '../support/system.js';
import { sharedSystem } from '../support/shared-system.js';
import { activeUser, apiKeyOf, disposableSystemAdmin, otherParticipantAdmin, signIn, signInSystemAdmin, type SignedIn, withTicket } from '../support/trust-callers.js';
import { answerProblems, concreteRoutes, isMissingHandler, type ConcreteRoute, describeExchange, PARTICIPANT_ROLE_PATTERNS, SELF_ENDING_PATTERNS } from '../support/trust-routes.js';
import { IdentityPattern } from '#libs/contracts';

const CALLERS = ['anonymous', 'ordinary user', 'other participant admin', 'system admin', 'api key'] as const;
type CallerName = (typeof CALLERS)[number];

type Expected = { status: number } | { oneOf: number[] } | { passes: true; mayForbid: boolean };

/** What the auth column promises to this caller (see RouteAuth in libs/contracts). */
function expected(auth: RouteAuth, caller: CallerName, pattern: string): Expected {
  const hasTicket = caller !== 'anonymous' && caller !== 'api key';
  const system = caller === 'system admin';
  switch (auth) {
    case 'none': return { passes: true, mayForbid: false };
    // identity checks the one-time reset ticket itself: none is sent here.
    case 'reset-ticket': return { oneOf: [400, 401] };
    case 'ticket': return hasTicket ? { passes: true, mayForbid: PARTICIPANT_ROLE_PATTERNS.has(pattern) } : { status: 401 };
    case 'system':
    case 'sys-admin': return !hasTicket ? { status: 401 } : system ? { passes: true, mayForbid: false } : { status: 403 };
    case 'api-key': return caller === 'api key' ? { passes: true, mayForbid: false } : { status: 401 };
  }
}

let sys: RunningSystem;
let admin: SignedIn;
let user: SignedIn;
let otherAdmin: SignedIn;
let apiKey: string;

beforeAll(async () => {
  sys = await sharedSystem();
  admin = await signInSystemAdmin(sys);
  user = await activeUser(sys, 'matrix-user');
  otherAdmin = await otherParticipantAdmin(sys, admin);
  apiKey = await apiKeyOf(sys, admin, otherAdmin.currentParticipant);
}, 240_000);
const missingHandlers = new Set<string>();
afterAll(async () => {
  if (missingHandlers.size) console.warn(`routes whose service has no handler yet (503):\n  ${[...missingHandlers].join('\n  ')}`);
  await sys?.stop();
});

/** Credentials of a caller; routes that end the caller's session or account get throwaway ones. */
async function headersOf(caller: CallerName, route: ConcreteRoute): Promise<Record<string, string>> {
  const selfEnding = SELF_ENDING_PATTERNS.has(route.route.pattern);
  const deletesAccount = route.route.pattern === IdentityPattern.AccountDelete;
  const fresh = async (who: SignedIn, replacement: () => Promise<SignedIn>) =>
    !selfEnding ? who : deletesAccount ? replacement() : signIn(sys, who.email, who.password);
  switch (caller) {
    case 'anonymous': return {};
    case 'api key': return { 'x-api-key': apiKey };
    case 'ordinary user': return withTicket((await fresh(user, () => activeUser(sys, 'matrix-doomed'))).ticket);
    case 'other participant admin': return withTicket((await fresh(otherAdmin, () => otherParticipantAdmin(sys, admin))).ticket);
    case 'system admin': return withTicket((await fresh(admin, () => disposableSystemAdmin(sys, admin))).ticket);
  }
}

const rows = concreteRoutes().flatMap((route) => CALLERS.map((caller) => ({ label: route.label, caller, route })));

describe('authorization matrix (HTTP_ROUTES × callers)', () => {
  it('covers every route', () => {
    expect(rows.length).toBe(concreteRoutes().length * CALLERS.length);
    expect(rows.length).toBeGreaterThan(300);
  });

  test.each(rows)('$label as $caller', async ({ caller, route }) => {
    const request = route.hasBody ? {} : undefined;
    const answer = await http(sys.baseUrl, route.method, route.path, { body: request, headers: await headersOf(caller, route) });
    const context = describeExchange(route.method, route.path, { caller, body: request }, answer);
    if (isMissingHandler(answer)) missingHandlers.add(route.label);
    expect({ problems: answerProblems(answer), context }).toEqual({ problems: [], context });

    const want = expected(route.route.auth, caller, route.route.pattern);
    const ok = 'status' in want ? answer.status === want.status
      : 'oneOf' in want ? want.oneOf.includes(answer.status)
        : answer.status !== 401 && !(answer.status === 403 && !want.mayForbid);
    expect({ expected: want, context, ok }).toEqual({ expected: want, context, ok: true });
  });
});

// Property-based fuzz of every route with hostile bodies, path parameters, query strings and
// headers, as a caller that passes the route's auth and anonymously: never a 5xx, every 4xx is
// JSON with an `error`, no stack trace; invalid create bodies write nothing.
import fc from 'fast-check';
import pg from 'pg';
import { HTTP_ROUTES, type HttpRoute } from '#libs/contracts';
import { type SharedSystem, sharedSystem } from '../support/shared-system.js';
import { activeUser, apiKeyOf, otherParticipantAdmin, signInSystemAdmin, type SignedIn, withTicket } from '../support/trust-callers.js';
import { hostileBody, hostileHeaders, hostileParam, hostileQuery, invalidBody, type RawBody } from '../support/trust-fuzz.js';
import { type Answer, answerProblems, describeExchange, fillPath, isMissingHandler, paramNames, rawHttp, SELF_ENDING_PATTERNS } from '../support/trust-routes.js';

const RUNS = Number(process.env.TRUST_FUZZ_RUNS ?? 25);

let sys: SharedSystem;
let db: pg.Client;
let admin: SignedIn;
let user: SignedIn;
let apiKey: string;
const missingHandlers = new Set<string>();

beforeAll(async () => {
  sys = await sharedSystem();
  db = new pg.Client({ connectionString: sys.databaseUrl });
  await db.connect();
  admin = await signInSystemAdmin(sys);
  user = await activeUser(sys, 'fuzz-user');
  apiKey = await apiKeyOf(sys, admin, (await otherParticipantAdmin(sys, admin)).currentParticipant);
}, 240_000);
afterAll(async () => {
  if (missingHandlers.size) console.warn(`routes whose service has no handler yet (503):\n  ${[...missingHandlers].join('\n  ')}`);
  await db?.end();
  await sys?.stop();
});

type Caller = 'authorized' | 'anonymous';

/** Credentials that pass the route's auth (the system admin, or the API key). */
function credentials(route: HttpRoute, caller: Caller): Record<string, string> {
  if (caller === 'anonymous' || route.auth === 'none' || route.auth === 'reset-ticket') return {};
  return route.auth === 'api-key' ? { 'x-api-key': apiKey } : withTicket(admin.ticket);
}

interface Sent { caller: Caller; path: string; headers: Record<string, string>; body?: RawBody; answer: Answer }

async function send(route: HttpRoute, caller: Caller, params: Record<string, string>, query: string,
  fuzzHeaders: Record<string, string>, body: RawBody | undefined): Promise<Sent> {
  const path = fillPath(route, route.path, (name) => params[name]) + query;
  const headers: Record<string, string> = { ...fuzzHeaders, ...credentials(route, caller) };
  if (body?.contentType) headers['content-type'] = body.contentType;
  else if (body) delete headers['content-type'];
  const answer = await rawHttp(sys.baseUrl, route.method, path, headers, body?.text);
  if (isMissingHandler(answer)) missingHandlers.add(`#${route.row} ${route.method} ${route.path}`);
  return { caller, path, headers, body, answer };
}

function failWith(route: HttpRoute, sent: Sent, problems: string[]): never {
  const request = { caller: sent.caller, kind: sent.body?.kind, contentType: sent.body?.contentType, headers: sent.headers, body: sent.body?.text };
  throw new Error(`${problems.join('; ')}\n${describeExchange(route.method, sent.path, request, sent.answer)}`);
}

/** Runs a property; a failure reads as the offending exchange (not fast-check's raw dump). */
async function checkProperty<T extends [unknown, ...unknown[]]>(property: fc.IAsyncProperty<T>): Promise<void> {
  const details = await fc.check(property, { numRuns: RUNS, endOnFailure: true });
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${cause}\n(fast-check seed ${details.seed}, path ${details.counterexamplePath})`);
  }
}

const hasBody = (route: HttpRoute) => route.method === 'POST' || route.method === 'PUT';
const paramsOf = (route: HttpRoute) => fc.record(Object.fromEntries(paramNames(route).map((n) => [n, hostileParam])) as Record<string, fc.Arbitrary<string>>);
// Routes that end the caller's session or account are fuzzed anonymously only: the admin must survive.
const callersOf = (route: HttpRoute) => fc.constantFrom<Caller>(...(SELF_ENDING_PATTERNS.has(route.pattern) ? ['anonymous'] as const : ['authorized', 'anonymous'] as const));

const routes = HTTP_ROUTES.map((route) => ({ route, label: `#${route.row} ${route.method} ${route.path} [${route.auth}]` }));

describe('hostile input on every route answers a clean 4xx (or 2xx), never 5xx', () => {
  test.each(routes)('$label', async ({ route }) => {
    await checkProperty(fc.asyncProperty(
      callersOf(route), paramsOf(route), hostileQuery, hostileHeaders, hasBody(route) ? hostileBody : fc.constant(undefined),
      async (caller, params, query, headers, body) => {
        const sent = await send(route, caller, params, query, headers, body);
        const problems = answerProblems(sent.answer);
        if (problems.length) failWith(route, sent, problems);
      },
    ));
  });
});

/** Create routes and the tables they would write to. */
const CREATE_ROUTES: Array<{ row: string; tables: string[] }> = [
  { row: '11', tables: ['identity.users', 'identity.activations'] },
  { row: '12', tables: ['identity.users'] },
  { row: '32', tables: ['identity.pending_participants'] },
  { row: '34', tables: ['participants_billing.participants', 'participants_billing.registration_requests'] },
  { row: '70', tables: ['certificates.payment_certificates'] },
  { row: 'x-cert-1', tables: ['certificates.api_keys'] },
  { row: 'x-cert-4', tables: ['certificates.user_certificates'] },
];

const counts = async (tables: string[]) => Promise.all(tables.map(async (t) => Number((await db.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n)));

describe('invalid bodies on create routes are refused with 4xx and write nothing', () => {
  test.each(CREATE_ROUTES.map((c) => ({ ...c, route: HTTP_ROUTES.find((r) => r.row === c.row)! })))('#$row $route.method $route.path → $tables', async ({ route, tables }) => {
    expect(route).toBeDefined();
    const before = await counts(tables);
    // Route 32 is the caller's own brand registration: an ordinary user, so the admin's stays untouched.
    const auth = route.row === '32' ? withTicket(user.ticket) : credentials(route, 'authorized');
    await checkProperty(fc.asyncProperty(invalidBody, async (body) => {
      const answer = await rawHttp(sys.baseUrl, route.method, route.path, { ...auth, ...(body.contentType ? { 'content-type': body.contentType } : {}) }, body.text);
      const problems = answerProblems(answer);
      if (answer.status < 400 || answer.status >= 500) problems.push(`expected a 4xx, got ${answer.status}`);
      if (problems.length) failWith(route, { caller: 'authorized', path: route.path, headers: auth, body, answer }, problems);
    }));
    expect({ tables, rows: await counts(tables) }).toEqual({ tables, rows: before });
  });
});

// The server keeps the contract it publishes: with the whole system running, every conformance
// case (one per documented example answer) and every route as each kind of caller (the
// authorization matrix's requests, plus malformed JSON) is recorded, and each answer is checked
// against GET /docs/openapi.json as served: operation, status, content type and body schema.
// OPENAPI_CHECK=<file>[,<file>...] also checks answers recorded elsewhere with OPENAPI_RECORD
// (e.g. the journey suites'); PRISM_CLI=<prism-cli's dist/index.js> drives everything through
// Stoplight Prism's validating proxy as well and writes its log to test-output/prism-proxy.log
// (PRISM_DOCUMENT=<file> gives Prism another document, e.g. an older one).
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { IdentityPattern } from '#libs/contracts';
import { CASES } from '../conformance/conformance-cases.js';
import { World } from '../conformance/conformance-world.js';
import { uniquePrefix } from '../journeys/journey-support.js';
import { distinct, OpenApiAnswers, summarize, type Violation } from '../support/openapi-answers.js';
import { type Exchange, onExchange } from '../support/openapi-record.js';
import { type PrismProxy, startPrismProxy } from '../support/prism-proxy.js';
import { type SharedSystem, sharedSystem } from '../support/shared-system.js';
import { http, type RunningSystem } from '../support/system.js';
import { activeUser, disposableSystemAdmin, signIn, type SignedIn, withTicket } from '../support/trust-callers.js';
import { concreteRoutes, type ConcreteRoute, rawHttp, SELF_ENDING_PATTERNS } from '../support/trust-routes.js';

jest.setTimeout(600_000);

let sys: SharedSystem;
/** The system as the requests reach it: directly, or through Prism's proxy (PRISM_CLI). */
let via: RunningSystem;
let prism: PrismProxy | undefined;
let world: World;
let doc: Record<string, any>;
let answers: OpenApiAnswers;
const exchanges: Exchange[] = [];
let stopRecording: () => void;

beforeAll(async () => {
  sys = await sharedSystem();
  doc = await (await fetch(`${sys.baseUrl}/docs/openapi.json`)).json() as Record<string, any>;
  // PRISM_DOCUMENT=<file>: another document for Prism (e.g. an older one, to compare).
  const prismDoc = process.env.PRISM_DOCUMENT ? JSON.parse(readFileSync(process.env.PRISM_DOCUMENT, 'utf8')) : doc;
  if (process.env.PRISM_CLI) prism = await startPrismProxy(process.env.PRISM_CLI, prismDoc, sys.baseUrl);
  via = prism ? { ...sys, baseUrl: prism.baseUrl } : sys;
  world = new World(via, (provider, credential, profile) => sys.oauth.register(provider, credential, profile));
  answers = new OpenApiAnswers(doc);
  stopRecording = onExchange((exchange) => exchanges.push(exchange));
}, 240_000);

afterAll(async () => {
  stopRecording?.();
  await world?.close();
  if (prism) {
    mkdirSync('test-output', { recursive: true });
    writeFileSync('test-output/prism-proxy.log', prism.output());
    await prism.stop();
  }
  await sys?.stop();
});

describe('the validator', () => {
  const tiny = new OpenApiAnswers({
    openapi: '3.0.0',
    paths: {
      '/a/{id}': { get: { responses: { 200: { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } } } } } },
      '/a/bulk/': { post: { responses: { 204: { description: 'None' } } } },
    },
    components: { schemas: { A: { type: 'object', required: ['n'], properties: { n: { type: 'integer' }, s: { type: 'string', nullable: true } } } } },
  });
  const at = (method: string, path: string, status: number, body?: unknown, contentType = 'application/json') => tiny.check({ method, path, status, contentType, body });

  it('passes a valid answer and finds operations by exact template', () => {
    expect(at('GET', '/a/7?x=1', 200, { n: 1, s: null })).toEqual([]);
    expect(at('POST', '/a/bulk/', 204, undefined, '')).toEqual([]);
    expect(tiny.operationOf({ method: 'GET', path: '/a/bulk/', status: 200, contentType: null })).toBeUndefined();
  });

  it('reports a missing operation, an undeclared status or content type, and a body against the schema', () => {
    expect(at('POST', '/a/bulk', 204).map((v) => v.kind)).toEqual(['no operation']);
    expect(at('POST', '/a/bulk', 404, { error: 'Not found' })).toEqual([]); // refused outside the document: not a promise broken
    expect(at('GET', '/a/7', 404, { error: 'x' }).map((v) => v.kind)).toEqual(['undeclared status']);
    expect(at('GET', '/a/7', 200, 'x', 'text/html').map((v) => v.kind)).toEqual(['undeclared content type']);
    expect(at('GET', '/a/7', 200, { n: 1.5, s: 2 }).map((v) => v.detail)).toEqual(['/n must be integer (got 1.5)', '/s must be string (got 2)']);
    expect(summarize(at('GET', '/a/7', 200, {})).byKind).toEqual({ body: 1 });
  });
});

/** Credentials of each kind of caller; routes that end the caller's session or account get throwaway ones. */
async function callers(route: ConcreteRoute, people: { user: SignedIn; admin: SignedIn; apiKey: string }): Promise<Record<string, string>[]> {
  const selfEnding = SELF_ENDING_PATTERNS.has(route.route.pattern);
  const deletesAccount = route.route.pattern === IdentityPattern.AccountDelete;
  const user = !selfEnding ? people.user : deletesAccount ? await activeUser(via, 'answers-doomed') : await signIn(via, people.user.email, people.user.password);
  const admin = !selfEnding ? people.admin : deletesAccount ? await disposableSystemAdmin(via, people.admin) : await signIn(via, people.admin.email, people.admin.password);
  return [{}, withTicket(user.ticket), withTicket(admin.ticket), { 'x-api-key': people.apiKey }];
}

let user: SignedIn | undefined;
const signedInUser = async () => (user ??= await activeUser(via, 'answers-user'));

describe('every answer of the system keeps the published document', () => {
  it('drives every conformance case (one per documented example answer)', async () => {
    const failed: string[] = [];
    for (const [row, cases] of Object.entries(CASES)) {
      for (const [index, run] of cases.entries()) {
        try { await run(world); } catch (error) { failed.push(`#${row}[${index}] ${(error as Error).message.slice(0, 200)}`); }
      }
    }
    // docs-conformance.e2e.ts owns the cases' verdicts; here they only have to run.
    expect(failed).toEqual([]);
    expect(exchanges.length).toBeGreaterThan(Object.keys(CASES).length);
  });

  it('drives every route as anonymous, a user, the system admin and an API key, and with malformed JSON', async () => {
    const people = { user: await signedInUser(), admin: await world.admin(), apiKey: await world.apiKey() };
    const before = exchanges.length;
    for (const route of concreteRoutes()) {
      // The trailing-slash form too, where the document has it.
      const paths = [route.path, ...(answers.operationOf({ method: route.method, path: `${route.path}/`, status: 0, contentType: null }) ? [`${route.path}/`] : [])];
      for (const path of paths) {
        for (const headers of await callers(route, people)) await http(via.baseUrl, route.method, path, { body: route.hasBody ? {} : undefined, headers });
      }
      // Prism answers unparseable JSON itself: that probe goes to the gateway directly.
      if (route.hasBody) await rawHttp(sys.baseUrl, route.method, route.path, { 'content-type': 'application/json', ...withTicket(people.user.ticket) }, '{"a":');
    }
    expect(exchanges.length - before).toBeGreaterThanOrEqual(concreteRoutes().length * 4);
  });

  it('drives the public routes with a wrong credential of their own (password, provider token, code)', async () => {
    const wrong = [
      await http(via.baseUrl, 'POST', '/identity-service/session', { body: { email: (await signedInUser()).email, password: 'not-the-password-1' } }),
      await http(via.baseUrl, 'POST', '/identity-service/account/oauth', { body: { service: 'facebook', access_token: 'unknown-token', country: '036', language: 'en' } }),
      await http(via.baseUrl, 'POST', '/identity-service/account/restore/000000', { body: { password: 'new-password-1' } }),
      await http(via.baseUrl, 'POST', '/identity-service/account/phone/verify_code', { body: { phone: '+79280000000', code: '0000' } }),
    ];
    expect(wrong.map((a) => a.status).every((status) => status >= 400 && status < 500)).toBe(true);
    expect(wrong[0].status).toBe(401);
  });

  it('drives success answers the conformance cases leave out', async () => {
    const admin = await world.admin();
    const rich = await world.rich();
    const u = await activeUser(via, 'answers-extra');
    const device = `device-${randomUUID()}`;
    await world.call('POST', '/identity-service/set_device_id', { ticket: u.ticket, body: { id: device, type: 'gcm' } });
    await world.call('POST', '/identity-service/remove_device_id/', { ticket: u.ticket, body: { id: device } });
    await world.call('POST', '/identity-service/prefix/check', { body: { prefix: uniquePrefix() } });
    const second = await signIn(via, u.email, u.password);
    const sessions = await world.call('GET', '/identity-service/sessions', { ticket: second.ticket });
    const other = (sessions.body.sessions as { id: string; current: boolean }[]).find((session) => !session.current)!;
    await world.call('DELETE', `/identity-service/sessions/${other.id}`, { ticket: second.ticket });
    const key = await world.call('POST', '/certificates/api-keys', { ticket: admin.ticket, body: { participant_id: rich.participantId, name: 'answers' }, expect: 201 });
    await world.call('GET', `/certificates/api-keys?participant_id=${encodeURIComponent(rich.participantId)}`, { ticket: admin.ticket });
    await world.call('DELETE', `/certificates/api-keys/${key.body.id}`, { ticket: admin.ticket });
    await world.call('PUT', `/identity-service/participants/participant/${rich.participantId}/contacts`, { ticket: admin.ticket, body: { city: 'Sydney', logo: null } });
    await world.call('POST', '/user/verifications/phone/reset', { ticket: admin.ticket, body: { id: u.userId } });
    await world.call('POST', '/user/permanently_block/set', { ticket: admin.ticket, body: { id: u.userId } });
    await world.call('POST', '/identity-service/user/permanently_block/get', { ticket: admin.ticket, body: { id: u.userId } });
    await world.call('POST', '/identity-service/user/permanently_block/unset', { ticket: admin.ticket, body: { id: u.userId } });
    const pending = await world.pendingAccount();
    const token = (pending.created as { token?: string }).token;
    if (token) await world.call('POST', '/identity-service/account/code/resend', { body: { token } });
    expect(other.current).toBe(false);
  });

  it('has every answer declared by the document, with a body valid against its schema', () => {
    const violations: Violation[] = exchanges.flatMap((e) => answers.check(e));
    const exercised = new Set(exchanges.map((e) => answers.operationOf(e)).filter(Boolean));
    const succeeded = new Set(exchanges.filter((e) => e.status < 300).map((e) => answers.operationOf(e)).filter(Boolean));
    const { byKind, operations } = summarize(violations);
    const outside = exchanges.filter((e) => answers.outside(e)).length;
    console.log(`${exchanges.length} answers (${outside} refused outside the document); operations exercised ${exercised.size}/${answers.operations().length} `
      + `(${succeeded.size} with a 2xx); violations ${violations.length} ${JSON.stringify(byKind)} in ${operations.length} operations`);
    expect(exercised.size).toBe(answers.operations().length);
    expect(distinct(violations)).toEqual([]);
  });

  it('has every answer recorded in OPENAPI_CHECK files declared too', () => {
    const files = (process.env.OPENAPI_CHECK ?? '').split(',').filter(Boolean);
    const recorded = files.flatMap((file) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Exchange));
    const violations = recorded.flatMap((e) => answers.check(e));
    if (files.length) console.log(`${recorded.length} recorded answers: violations ${violations.length} ${JSON.stringify(summarize(violations).byKind)}`);
    expect(distinct(violations)).toEqual([]);
  });
});


import { Validator } from '@seriousme/openapi-schema-validator';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { HTTP_ROUTES, type RouteAuth, servedPaths } from '#libs/contracts';
import { answers200, distMain, freePort, type Started, startProcess } from '../support/processes.js';

// The gateway alone: the document and the UI need no service.
const REDIS_URL = `${process.env.TEST_REDIS_URL}/9`;
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join('test-output', 'openapi-docs.png');

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, {
    operationId: string; summary: string; tags: string[]; security: Record<string, string[]>[];
    parameters: { name: string; in: string }[]; responses: Record<string, unknown>;
    requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
  }>>;
  components: { securitySchemes: Record<string, Record<string, string>> };
};

const TICKET = [{ ticket: [] }, { bearer: [] }];
/** Written out here, not imported: the document must say what ENDPOINTS.md's auth column says. */
const EXPECTED_SECURITY: Record<RouteAuth, object[]> = {
  none: [],
  ticket: TICKET,
  'sys-admin': TICKET,
  system: TICKET,
  'api-key': [{ apiKey: [] }],
  'reset-ticket': [...TICKET, {}],
};

const docPath = (path: string) => path.replace(/:([A-Za-z_]+)/g, '{$1}');

/** Paths the API documents write with a trailing slash (the gateway ignores it; the document has both forms). */
const SLASHED = new Set(readFileSync('docs/api/ENDPOINTS.md', 'utf8').split('\n')
  .map((line) => /^\|\s*[\w-]+\s*\|\s*(?:GET|POST|PUT|DELETE)\s*\|\s*(\S+\/)\s*\|/.exec(line)?.[1]).filter((p): p is string => p !== undefined));

let gateway: Started;
let base: string;
let doc: Doc;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  gateway = await startProcess(distMain('gateway'), { REDIS_URL, PORT: String(port), HOST: '127.0.0.1', HEALTH_PORT: '0' },
    () => answers200(`${base}/health/live`));
});

afterAll(async () => {
  await gateway?.stop();
});

describe('GET /docs/openapi.json', () => {
  it('is a valid OpenAPI 3 document, served without credentials', async () => {
    const res = await fetch(`${base}/docs/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    doc = (await res.json()) as Doc;
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toMatch(/^3\./);
    expect(() => validator.resolveRefs()).not.toThrow();
    const operationIds = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(new Set(operationIds).size).toBe(operationIds.length);
  });

  it('declares the ticket header, bearer and API key security schemes', () => {
    expect(doc.components.securitySchemes).toEqual({
      ticket: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'authenticateit_identity_ticket' }),
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      apiKey: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }),
    });
  });

  it('has every route of HTTP_ROUTES under each served path, with its security, tag and path parameters', () => {
    let expected = 0;
    expect(SLASHED.size).toBeGreaterThan(0);
    for (const route of HTTP_ROUTES) {
      for (const path of servedPaths(route).flatMap((p) => (SLASHED.has(`${p}/`) ? [p, `${p}/`] : [p]))) {
        expected++;
        const op = doc.paths[docPath(path)]?.[route.method.toLowerCase()];
        expect({ row: route.row, path, found: op !== undefined }).toEqual({ row: route.row, path, found: true });
        expect({ row: route.row, security: op.security }).toEqual({ row: route.row, security: EXPECTED_SECURITY[route.auth] });
        expect(op.tags).toEqual([route.service]);
        expect(op.summary).toBe(route.summary);
        const pathParams = [...route.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]);
        expect(op.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(pathParams);
        expect(op.responses).toHaveProperty('400');
        expect(op.responses).toHaveProperty('503');
        expect(op.responses).toHaveProperty('504');
        if (route.auth !== 'none') expect(op.responses).toHaveProperty('401');
        // Every route has an edge limit (defaults): its 429 names it and describes the headers.
        const limited = op.responses['429'] as { description: string; headers: Record<string, unknown> };
        expect({ row: route.row, limit: limited.description }).toEqual({ row: route.row, limit: expect.stringMatching(/^Too many requests: at most \d+ per \d+ s per (client IP|API key)/) });
        expect(Object.keys(limited.headers)).toEqual(['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']);
      }
    }
    const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    expect(operations).toBe(expected);
  });

  it('carries the examples of the API documents', () => {
    const signIn = JSON.stringify(doc.paths['/identity-service/session'].post);
    expect(signIn).toContain('punchyrat@mailinator.com');
    expect(signIn).toContain('90fd184e-8a91-4a3b-abe5-106b7298e714');
    const bulk = doc.paths['/external/payment-certificate/bulk-create'].post.requestBody!.content['application/json'];
    expect(Object.values(bulk.examples!)[0].value).toEqual([
      { code: 'CERT-NEW-001', is_active: true, value: 1000 },
      { code: 'CERT-NEW-002', is_active: false, value: 1500 },
    ]);
    expect(JSON.stringify(doc.paths['/users/certificates'].get.responses['200'])).toContain('promo_code');
    // The routes our services add have examples of their own.
    const sessions = JSON.stringify(doc.paths['/identity-service/sessions'].get.responses['200']);
    expect(sessions).toContain('last_seen_at');
    expect(sessions).toContain('user_agent');
    expect(doc.paths['/identity-service/sessions/{id}'].delete.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path' })]);
  });
});

describe('routes beyond the API documents', () => {
  it('documents the top-up and contact routes with their bodies, and the webhook as public', () => {
    const paths = doc.paths as Record<string, Record<string, any>>;
    const topup = paths['/identity-service/participants/participant/{id}/deposit/topup'].put;
    const schema = topup.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(['amount', 'currency', 'frequency', 'coins_threshold', 'minimal_amount', 'status']);
    expect(schema.properties.coins_threshold).toMatchObject({ type: 'string', pattern: '^[0-9]+$' });
    expect(topup.responses).toHaveProperty('403');
    const contacts = paths['/identity-service/participants/participant/{id}/contacts'].put;
    expect(Object.keys(contacts.requestBody.content['application/json'].schema.properties).sort())
      .toEqual(['address', 'city', 'contact', 'email', 'facebook_url', 'logo', 'phone', 'post_code']);
    const webhook = paths['/billing/stripe/webhook'].post;
    expect(webhook.security).toEqual([]);
    expect(webhook.responses).not.toHaveProperty('401');
    expect(JSON.stringify(webhook)).toContain('Stripe-Signature');
  });
});

describe('Swagger UI at /docs', () => {
  it('renders every operation in headless Chromium', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
    const userDataDir = mkdtempSync(join(tmpdir(), 'openapi-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
        '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = context.pages()[0] ?? await context.newPage();
      const failed: string[] = [];
      page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
      await page.goto(`${base}/docs`, { waitUntil: 'load' });
      await page.waitForSelector('.opblock', { timeout: 30_000 });
      const routes = HTTP_ROUTES.reduce((n, r) => n + servedPaths(r).length, 0);
      expect(await page.locator('.opblock').count()).toBeGreaterThanOrEqual(routes);
      await expect(page.getByText('Create session (sign in)').first().isVisible()).resolves.toBe(true);
      mkdirSync('test-output', { recursive: true });
      await page.screenshot({ path: join('test-output', 'openapi-docs-all.png'), fullPage: true });
      // Opening an operation shows the documented example.
      const signIn = page.locator('.opblock').filter({ hasText: 'Create session (sign in)' }).first();
      await signIn.locator('.opblock-summary').click();
      await signIn.locator('.opblock-body').getByText('punchyrat@mailinator.com').first().waitFor({ timeout: 10_000 });
      expect(failed).toEqual([]);
      await page.screenshot({ path: SCREENSHOT });
      expect(existsSync(SCREENSHOT)).toBe(true);
    } finally {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  });
});

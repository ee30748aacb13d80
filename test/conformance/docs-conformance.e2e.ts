// Every example answer of the documents (the API documents' *.txt, extracted into ROUTE_DOCS) against
// what the route answers through the gateway with the whole system running: see
// shape-compare.ts for the comparison, conformance-rules.ts for what is allowed and why,
// report.md (written by this suite) for the result.
import { jest } from '@jest/globals';
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HTTP_ROUTES } from '#libs/contracts';
import { ROUTE_DOCS } from '../../apps/gateway/src/openapi/examples.js';
import { type SharedSystem, sharedSystem } from '../support/shared-system.js';
import { CASES } from './conformance-cases.js';
import { DOC_DISAGREEMENTS, KNOWN_DIFFERENCES, NOT_EXERCISED, rulesFor } from './conformance-rules.js';
import { type RouteResult, textTable, writeMarkdown } from './conformance-report.js';
import { compareShape, selfDisagreements } from './shape-compare.js';
import { World } from './conformance-world.js';

jest.setTimeout(300_000);

interface Documented { row: string; method: string; path: string; example: string; index: number; body: unknown }

const DOCUMENTED: Documented[] = HTTP_ROUTES.flatMap((route) =>
  Object.entries(ROUTE_DOCS[route.row]?.responses ?? {}).map(([example, body], index) => ({ row: route.row, method: route.method, path: route.path, example, index, body })));

const results: RouteResult[] = [];
let sys: SharedSystem;
let world: World;

beforeAll(async () => {
  sys = await sharedSystem();
  world = new World(sys, (provider, credential, profile) => sys.oauth.register(provider, credential, profile));
}, 240_000);

afterAll(async () => {
  await world?.close();
  await sys?.stop();
  if (results.length > 0) {
    results.sort((a, b) => DOCUMENTED.findIndex((d) => d.row === a.row && d.example === a.example) - DOCUMENTED.findIndex((d) => d.row === b.row && d.example === b.example));
    console.log(textTable(results));
    writeMarkdown(fileURLToPath(new URL('./report.md', import.meta.url)), results, DOC_DISAGREEMENTS);
  }
});

describe('every documented example answer has our answer\'s shape', () => {
  it('has a case for every documented example, or says why not', () => {
    const missing = DOCUMENTED.filter((d) => !CASES[d.row]?.[d.index] && !NOT_EXERCISED[`${d.row} ${d.example}`]);
    expect(missing.map((d) => `#${d.row} ${d.method} ${d.path} (${d.example})`)).toEqual([]);
  });

  it('the comparison itself catches a missing key, a changed type, an extra and a bad array element', () => {
    const doc = { a: 1, b: { c: 'x' }, list: [{ d: true }], n: null };
    expect(compareShape(doc, { a: 2, b: { c: 'y' }, list: [{ d: false }], n: { any: 1 } }).differences).toEqual([]);
    expect(compareShape(doc, { a: '2', b: {}, list: [{ d: true, e: 1 }], n: null, extra: 1 }).differences).toEqual([
      'a: example has number, we send string', 'b.c: missing', 'list[].e: not in the example', 'extra: not in the example',
    ]);
    expect(compareShape({ coins: 53 }, { coins: '53000000000000000000' })).toMatchObject({ differences: [], coinStrings: ['coins'] });
    expect(compareShape({ coins: 53 }, { coins: 'many' }).differences).toEqual(['coins: example has number, we send string']);
    expect(compareShape({ coins: 53 }, { coins: 53 }).differences).toEqual(['coins: a coin amount sent as a number (coins are 18-decimal strings)']);
  });

  it.each(DOCUMENTED.map((d) => [`#${d.row} ${d.method} ${d.path} (${d.example})`, d] as const))('%s', async (_label, d) => {
    const key = `${d.row} ${d.example}`;
    const base = { row: d.row, method: d.method, path: d.path, example: d.example, coinStrings: [], allowedExtras: [], unchecked: [], selfDisagreements: selfDisagreements(d.body) };
    const run = CASES[d.row]?.[d.index];
    if (!run) {
      results.push({ ...base, verdict: 'not exercised', details: [NOT_EXERCISED[key] ?? 'no case'] });
      return;
    }
    let answer;
    try {
      answer = await run(world);
      if (answer.status >= 300) throw new Error(`answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 600)}`);
    } catch (error) {
      results.push({ ...base, verdict: 'differs', details: [`the request failed: ${(error as Error).message.slice(0, 300)}`] });
      throw error;
    }
    if (process.env.CONFORMANCE_DUMP) appendFileSync(process.env.CONFORMANCE_DUMP, `${JSON.stringify({ key, body: answer.body })}\n`);
    const report = compareShape(d.body, answer.body, rulesFor(d.row, d.example));
    const known = KNOWN_DIFFERENCES[key];
    const verdict = report.differences.length === 0 ? 'match' : known ? 'known difference' : 'differs';
    results.push({ ...base, ...report, verdict, details: known && report.differences.length ? [known, ...report.differences] : report.differences });
    if (verdict === 'differs') throw new Error(`differs from the documented example:\n  ${report.differences.join('\n  ')}\nanswer: ${JSON.stringify(answer.body).slice(0, 3000)}`);
  });
});

// Regenerates apps/gateway/src/openapi/examples.ts from the API documents vendored in docs/api:
//   npm run docs:examples      (builds first: the route table is read from dist/)
//   node scripts/extract-doc-examples.mjs [docs dir] [--check]   --check: exit 1 when examples.ts differs
// Reads "METHOD /path" headings, their "Parameters" tables and the JSON blocks after
// "Example Request/Response" (identity-service.txt), "Request body:"/"Example answer:"
// (payment-certificates.txt) and the one response of user-certificates.txt.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HTTP_ROUTES } from '../dist/libs/contracts/src/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = join(ROOT, 'apps/gateway/src/openapi/examples.ts');
const docDir = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? join(ROOT, 'docs/api');
const check = process.argv.includes('--check');
const docs = {};
const skipped = [];

function routeOf(method, docPath) {
  const path = docPath.replace('{domain}', '').replace(/\/+$/, '');
  const matches = (route) => new RegExp(`^${route.path.replace(/:[a-z_]+/g, '[^/]+')}$`).test(path);
  return HTTP_ROUTES.find((r) => r.method === method && matches(r));
}

/** The JSON value starting at lines[i] (balanced brackets; a short prose note before it is skipped), or undefined. */
function jsonAt(lines, i) {
  const limit = i + 6;
  while (i < lines.length && i < limit && !/^[[{]/.test(lines[i].trim())) {
    const line = lines[i].trim();
    if (/^"[^"]*"$/.test(line)) return JSON.parse(line); // a bare JSON string answer
    if (/^(Example|GET |POST |PUT |DELETE )/.test(line)) return undefined;
    i++;
  }
  if (i >= lines.length || !/^[[{]/.test(lines[i].trim())) return undefined;
  let depth = 0;
  let inString = false;
  const taken = [];
  for (; i < lines.length; i++) {
    taken.push(lines[i]);
    for (let k = 0; k < lines[i].length; k++) {
      const c = lines[i][k];
      if (inString) {
        if (c === '\\') k++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') depth--;
    }
    if (depth === 0) break;
  }
  const text = taken.join('\n');
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(text.replace(/,(\s*[}\]])/g, '$1'));
    } catch {
      return undefined;
    }
  }
}

function entry(route) {
  return (docs[route.row] ??= {});
}

function addExample(route, kind, label, value, line, file) {
  if (value === undefined) {
    skipped.push(`${file}:${line + 1} ${label} (not JSON)`);
    return;
  }
  const bucket = (entry(route)[kind] ??= {});
  let name = label.replace(/[.:]$/, '').trim();
  for (let n = 2; name in bucket; n++) name = `${label.trim()} ${n}`;
  bucket[name] = value;
}

const FIELD = /^([A-Za-z_][A-Za-z0-9_]*) (header|string|body|int|integer|number|coins|bool|boolean|array|object|url|query) ?(.*)$/;

function parseIdentity(file) {
  const lines = readFileSync(join(docDir, file), 'utf8').split('\n');
  let route;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    const heading = /^(GET|POST|PUT|DELETE) (\/\S+)$/.exec(line);
    if (heading) {
      route = routeOf(heading[1], heading[2]);
      if (!route) skipped.push(`${file}:${i + 1} no route for ${line}`);
      continue;
    }
    if (!route) continue;
    if (line === 'Parameters') {
      for (i += 2; i < lines.length && lines[i].trim() !== '' && !lines[i].startsWith('Example'); i++) {
        const m = FIELD.exec(lines[i].trim());
        if (!m || m[2] === 'header' || m[2] === 'url') continue;
        const required = m[3].startsWith('Required');
        const description = m[3].replace(/^Required:?\s*/, '');
        const fields = (entry(route).fields ??= []);
        if (!fields.some((f) => f.name === m[1])) fields.push({ name: m[1], type: m[2], required, description });
      }
      i--;
      continue;
    }
    const example = /^Example (Request|Response)\b(.*)$/.exec(line);
    if (example) addExample(route, example[1] === 'Request' ? 'requests' : 'responses', line, jsonAt(lines, i + 1), i, file);
  }
}

function parsePaymentCertificates(file) {
  const lines = readFileSync(join(docDir, file), 'utf8').split('\n');
  let route;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    const heading = /^(GET|POST|PUT|DELETE) (\{domain\}\S+)$/.exec(line);
    if (heading) route = routeOf(heading[1], heading[2]);
    else if (route && line === 'Request body:') addExample(route, 'requests', 'Example Request', jsonAt(lines, i + 1), i, file);
    else if (route && line === 'Example answer:') addExample(route, 'responses', 'Example Response', jsonAt(lines, i + 1), i, file);
  }
}

function parseUserCertificates(file) {
  const lines = readFileSync(join(docDir, file), 'utf8').split('\n');
  const route = routeOf('GET', '/users/certificates');
  const start = lines.findIndex((l) => l.trim() === '{');
  addExample(route, 'responses', 'Example Response', jsonAt(lines, start), start, file);
}

parseIdentity('identity-service.txt');
parsePaymentCertificates('payment-certificates.txt');
parseUserCertificates('user-certificates.txt');
for (const s of skipped) process.stderr.write(`skipped ${s}\n`);

const ordered = Object.fromEntries(HTTP_ROUTES.filter((r) => docs[r.row]).map((r) => [r.row, docs[r.row]]));
const text = `// Generated by scripts/extract-doc-examples.mjs from docs/api/*.txt; edit the documents, not this file.
/** A request field from a document's "Parameters" table (headers and URL parts left out). */
export interface DocField { name: string; type: string; required: boolean; description: string }

/** What the documents say about one route: fields, and named request/response examples. */
export interface RouteDoc {
  fields?: DocField[];
  requests?: Record<string, unknown>;
  responses?: Record<string, unknown>;
}

/** Keyed by HTTP_ROUTES row. */
export const ROUTE_DOCS: Record<string, RouteDoc> = ${JSON.stringify(ordered, null, 2)};
`;
if (!check) writeFileSync(TARGET, text);
else if (readFileSync(TARGET, 'utf8') !== text) {
  process.stderr.write('apps/gateway/src/openapi/examples.ts is not what docs/api gives: run npm run docs:examples\n');
  process.exit(1);
}

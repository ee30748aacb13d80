// Checks recorded answers (openapi-record.ts) against an OpenAPI 3.0 document as a validating
// proxy would: the operation exists (exact path, trailing slash included, and method), the status
// is declared, the content type is declared and the JSON body is valid against its schema.
// Ajv (already the validator of fastify and of @seriousme/openapi-schema-validator) with
// ajv-formats; OpenAPI 3.0's `nullable` is one of Ajv's own keywords.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Exchange } from './openapi-record.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export type ViolationKind = 'no operation' | 'undeclared status' | 'undeclared content type' | 'body' | 'invalid schema';

export interface Violation { kind: ViolationKind; operation: string; status: number; detail: string }

type Json = Record<string, any>;
interface Template { path: string; pattern: RegExp; literalChars: number }

const DOC_ID = 'openapi.json';
/** Keywords of OpenAPI 3.0 schema objects that JSON Schema does not have (annotations only). */
const OPENAPI_KEYWORDS = ['example', 'xml', 'externalDocs', 'discriminator'];

function templateOf(path: string): Template {
  const source = path.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+');
  return { path, pattern: new RegExp(`^${source}$`), literalChars: path.replace(/\{[^}]+\}/g, '').length };
}

/** `#/components/...` → `openapi.json#/components/...`, so a schema compiled alone resolves its refs in the document. */
function anchored(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(anchored);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(Object.entries(schema).map(([k, v]) =>
    [k, k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${DOC_ID}${v}` : anchored(v)]));
}

function valueAt(body: unknown, pointer: string): unknown {
  return pointer.split('/').slice(1).reduce((node: any, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], body);
}

/** A value as the violation shows it: its type, and short scalars themselves (never long strings: tickets, hashes). */
function shown(value: unknown): string {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `a string of ${value.length}` : `an ${typeof value}`;
}

export class OpenApiAnswers {
  private readonly ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
  private readonly templates: Template[];
  private readonly compiled = new Map<string, ValidateFunction | Error>();

  constructor(private readonly doc: Json) {
    addFormats(this.ajv);
    this.ajv.addVocabulary(OPENAPI_KEYWORDS);
    this.ajv.addSchema({ $id: DOC_ID, components: doc.components ?? {} });
    // A literal path wins over a template that also matches (`/a/bulk` before `/a/{id}`).
    this.templates = Object.keys(doc.paths).map(templateOf).sort((a, b) => b.literalChars - a.literalChars);
  }

  /** Every operation of the document as `METHOD /path`. */
  operations(): string[] {
    return Object.entries(this.doc.paths as Json).flatMap(([path, item]) =>
      Object.keys(item).filter((m) => ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`));
  }

  /** The operation (`METHOD /template`) an exchange belongs to, if the document has it. */
  operationOf(exchange: Exchange): string | undefined {
    const path = exchange.path.split('?')[0];
    const method = exchange.method.toLowerCase();
    const template = this.templates.find((t) => t.pattern.test(path) && this.doc.paths[t.path][method]);
    return template && `${exchange.method} ${template.path}`;
  }

  /**
   * A request to a path the document does not have, refused (4xx): the client's mistake, not a
   * broken promise (fuzzed paths with empty parameters). Served (2xx) it is a violation.
   */
  outside(exchange: Exchange): boolean {
    return !this.operationOf(exchange) && exchange.status >= 400 && exchange.status < 500;
  }

  check(exchange: Exchange): Violation[] {
    const operation = this.operationOf(exchange);
    const at = { operation: operation ?? `${exchange.method} ${exchange.path.split('?')[0]}`, status: exchange.status };
    if (!operation) return this.outside(exchange) ? [] : [{ ...at, kind: 'no operation', detail: 'no path of the document matches with this method' }];
    const [method, path] = operation.split(' ');
    const responses: Json = this.doc.paths[path][method.toLowerCase()].responses;
    const declared = responses[String(exchange.status)] ?? responses[`${String(exchange.status)[0]}XX`] ?? responses.default;
    if (!declared) return [{ ...at, kind: 'undeclared status', detail: `declared: ${Object.keys(responses).join(', ')}` }];
    const response = this.resolve(declared);
    const content: Json | undefined = response.content;
    if (!content) {
      return exchange.body === undefined ? [] : [{ ...at, kind: 'undeclared content type', detail: `a ${exchange.contentType} body where none is declared` }];
    }
    const mediaType = (exchange.contentType ?? '').split(';')[0].trim();
    const media = content[mediaType];
    if (!media) return [{ ...at, kind: 'undeclared content type', detail: `${mediaType || 'no content type'}; declared: ${Object.keys(content).join(', ')}` }];
    if (exchange.body === undefined || !/json/.test(mediaType) || !media.schema) return [];
    const validate = this.validator(`${operation} ${exchange.status} ${mediaType}`, media.schema);
    if (validate instanceof Error) return [{ ...at, kind: 'invalid schema', detail: validate.message }];
    if (validate(exchange.body)) return [];
    return (validate.errors ?? []).map((e) => ({ ...at, kind: 'body' as const, detail: `${e.instancePath || '(root)'} ${e.message} (got ${shown(valueAt(exchange.body, e.instancePath))})` }));
  }

  private resolve(object: Json): Json {
    if (typeof object.$ref !== 'string') return object;
    const target = object.$ref.replace(/^#\//, '').split('/').reduce((node: Json, key: string) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], this.doc);
    return this.resolve(target ?? {});
  }

  private validator(key: string, schema: unknown): ValidateFunction | Error {
    let validate = this.compiled.get(key);
    if (!validate) {
      try { validate = this.ajv.compile(anchored(schema) as object); } catch (error) { validate = error as Error; }
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

/** Counts by violation kind, and the distinct operations with a violation. */
export function summarize(violations: Violation[]): { byKind: Record<string, number>; operations: string[] } {
  const byKind: Record<string, number> = {};
  for (const v of violations) byKind[v.kind] = (byKind[v.kind] ?? 0) + 1;
  return { byKind, operations: [...new Set(violations.map((v) => v.operation))].sort() };
}

/** Each distinct violation once (operation, status, kind, detail), with how often it was seen. */
export function distinct(violations: Violation[]): string[] {
  const counts = new Map<string, number>();
  for (const v of violations) {
    const line = `${v.operation} ${v.status} [${v.kind}] ${v.detail}`;
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  return [...counts].map(([line, n]) => (n > 1 ? `${line} (×${n})` : line)).sort();
}

import { DocumentBuilder } from '@nestjs/swagger';
import type {
  ExampleObject, OpenAPIObject, OperationObject, ParameterObject, PathItemObject, RequestBodyObject,
  ResponsesObject, SchemaObject, SecurityRequirementObject,
} from '@nestjs/swagger';
import { HTTP_ROUTES, type HttpRoute, type RouteAuth, servedPaths, type ServiceName, CertificatesPattern } from '#libs/contracts';
import { TICKET_HEADER } from '../auth/credentials.js';
import { type DocField, ROUTE_DOCS, type RouteDoc } from './examples.js';
import { answerSchema } from './answer-schema.js';
import { CREDENTIAL_IN_REQUEST, DOCUMENTED_WITH_SLASH, EMPTY_STATUSES, SUCCESS_STATUSES } from './answer-statuses.js';
import { EXTRA_ROUTE_DOCS } from './extra-route-docs.js';
import { INPUT_SCHEMAS } from './input-schemas.js';
import { type RateClass, rateClassOf } from '../rate-limits/route-classes.js';
import type { RateLimitSpec } from '../rate-limits/rate-limit-spec.js';

/** The edge limits the document describes (none given: 429 as a service may answer it). */
export type LimitsByClass = ReadonlyMap<RateClass, RateLimitSpec>;

const RATE_LIMIT_HEADERS = {
  'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
  'RateLimit-Limit': { description: "Requests allowed per window for this route's class", schema: { type: 'integer' } },
  'RateLimit-Remaining': { description: 'Requests left in the current window', schema: { type: 'integer' } },
  'RateLimit-Reset': { description: 'Seconds until the window ends', schema: { type: 'integer' } },
};
import { schemaOfExample } from './schema-of-example.js';

const SERVICE_TAGS: Record<ServiceName, string> = {
  identity: 'Users, accounts, sessions, OAuth, merge, devices, memberships, users admin, geo',
  rewards: 'Scans, coins ledger, levels, earnings, buddies, timeline, reminders, bans, transactions',
  'participants-billing': 'Participants, plans, paid and trial periods, payments (Stripe), deposit balance, fees, top-ups',
  certificates: 'Payment certificates (external API), user certificates, API keys, QR codes',
};

const TICKET: SecurityRequirementObject[] = [{ ticket: [] }, { bearer: [] }];
/** Security requirement per auth column (alternatives: any one of them). */
export const SECURITY_BY_AUTH: Record<RouteAuth, SecurityRequirementObject[]> = {
  none: [],
  ticket: TICKET,
  'sys-admin': TICKET,
  system: TICKET,
  'api-key': [{ apiKey: [] }],
  // The one-time reset ticket may also come in the body, so the header is optional.
  'reset-ticket': [...TICKET, {}],
};

const AUTH_NOTES: Record<RouteAuth, string> = {
  none: 'Public.',
  ticket: 'Needs a valid session ticket.',
  'sys-admin': "Needs a ticket whose current participant is the system participant, with the role security_admin there.",
  system: 'Needs a ticket whose current participant is the system participant.',
  'api-key': "Needs a participant's API key.",
  'reset-ticket': 'Needs the one-time password reset ticket (header or `reset_ticket` in the body).',
};

/** Answers other than JSON. */
const BINARY_ANSWERS: Record<string, string> = { [CertificatesPattern.QrImage]: 'image/png' };

const ERROR_STATUSES: Record<string, string> = {
  '400': 'Invalid input (per-field details)',
  '401': 'No, unknown or expired credentials',
  '403': 'Credentials valid, but not allowed',
  '404': 'Not found',
  '409': 'Conflict with the current state',
  '413': 'Request body too large',
  '414': 'A path parameter too long',
  '415': 'Request body neither JSON nor form-encoded',
  '429': 'Too many requests (see Retry-After)',
  '431': 'Request header fields too large',
  '503': 'Owning service has no live replica, or is too busy right now (then with Retry-After)',
  '504': 'Owning service did not answer in time',
};

function base(): Omit<OpenAPIObject, 'paths'> {
  const builder = new DocumentBuilder()
    .setTitle('Rewards platform API')
    .setDescription('Every HTTP route the gateway serves, generated from the route table (HTTP_ROUTES in libs/contracts). '
      + 'Errors are JSON `{"error": message, "details"?: ...}`. Every route is rate limited per client IP (the external API: '
      + 'per API key) and route class; over the limit the answer is 429 with Retry-After and RateLimit-* headers.')
    .setVersion('1')
    .addSecurity('ticket', { type: 'apiKey', in: 'header', name: TICKET_HEADER, description: 'Session ticket from POST /identity-service/session' })
    .addSecurity('bearer', { type: 'http', scheme: 'bearer', description: 'The session ticket as `Authorization: Bearer <ticket>`' })
    .addSecurity('apiKey', { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: "A participant's API key (also `Authorization: Api-Key <key>`)" });
  for (const [service, description] of Object.entries(SERVICE_TAGS)) builder.addTag(service, description);
  const document = builder.build();
  document.components = {
    ...document.components,
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: { error: { type: 'string', example: 'Invalid input' }, details: { description: 'Per-field messages for 400' } },
      },
    },
    responses: Object.fromEntries(Object.entries(ERROR_STATUSES).map(([status, description]) => [`E${status}`, {
      description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      ...(status === '429' ? { headers: RATE_LIMIT_HEADERS } : {}),
      ...(status === '503' ? { headers: { 'Retry-After': RATE_LIMIT_HEADERS['Retry-After'] } } : {}),
    }])),
  };
  return document;
}

const FIELD_TYPES: Record<string, SchemaObject> = {
  string: { type: 'string' },
  'string or null': { type: 'string', nullable: true },
  int: { type: 'integer' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  coins: { type: 'string', pattern: '^[0-9]+$', description: 'Coins: integer with 18 decimals, as a string' },
  bool: { type: 'boolean' },
  boolean: { type: 'boolean' },
  array: { type: 'array', items: {} },
  object: { type: 'object' },
};

function fieldSchema(field: DocField): SchemaObject {
  const typed = FIELD_TYPES[field.type] ?? {};
  const description = [typed.description, field.description].filter(Boolean).join('. ');
  return { ...typed, ...(description ? { description } : {}) };
}

function examplesOf(named: Record<string, unknown> | undefined): Record<string, ExampleObject> | undefined {
  if (!named) return undefined;
  return Object.fromEntries(Object.entries(named).map(([summary, value], i) => [`example${i + 1}`, { summary, value }]));
}

function pathParamsOf(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]);
}

/** A coins field that the documents' own example requests also give as a number (a percentages fee's `value`). */
function coinsOrNumber(field: DocField, examples: unknown[]): boolean {
  return field.type === 'coins' && examples.some((e) => typeof (e as Record<string, unknown> | null)?.[field.name] === 'number');
}

/** A field as the documents describe it (a fee's value: coins or a number, by the fee's type). */
function documentedField(field: DocField, examples: unknown[], inferred: SchemaObject = {}): SchemaObject {
  const schema = fieldSchema(field);
  return coinsOrNumber(field, examples)
    ? { anyOf: [schema, { type: 'number' }], description: `${field.description}: coins (string) for a coins fee, a number for a percentages fee` }
    : { ...inferred, ...schema };
}

function bodySchema(fields: DocField[], examples: unknown[]): SchemaObject {
  const example = examples[0];
  if (!fields.length) return example === undefined ? { type: 'object' } : schemaOfExample(example);
  const inferred = example && typeof example === 'object' && !Array.isArray(example) ? schemaOfExample(example).properties ?? {} : {};
  const properties: Record<string, SchemaObject> = { ...(inferred as Record<string, SchemaObject>) };
  for (const field of fields) properties[field.name] = documentedField(field, examples, properties[field.name]);
  const required = fields.filter((f) => f.required).map((f) => f.name);
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}

/** The 429 of a route whose class has an edge limit: which limit, and the headers that come with it. */
function rateLimitedAnswer(route: HttpRoute, limits: LimitsByClass | undefined) {
  const rateClass = rateClassOf(route);
  const spec = limits?.get(rateClass);
  if (!spec || spec.max === 0) return { $ref: '#/components/responses/E429' };
  const per = rateClass === 'external-api' ? 'API key' : 'client IP';
  return {
    description: `Too many requests: at most ${spec.max} per ${spec.windowSeconds} s per ${per} for the ${rateClass} routes `
      + `(RATE_LIMIT_${rateClass.toUpperCase().replace(/-/g, '_')}), counted across every gateway replica`,
    headers: RATE_LIMIT_HEADERS,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example: { error: 'Too many requests, try again later' } } },
  };
}

/** The route's success answers: its status(es), each with the schema of every documented example answer. */
function successAnswers(route: HttpRoute, doc: RouteDoc): ResponsesObject {
  const binary = BINARY_ANSWERS[route.pattern];
  if (binary) return { '200': { description: 'OK', content: { [binary]: { schema: { type: 'string', format: 'binary' } } } } };
  const examples = doc.responses;
  const content = {
    'application/json': {
      schema: examples ? answerSchema(Object.values(examples)) : { type: 'object' },
      ...(examples ? { examples: examplesOf(examples) } : {}),
    },
  };
  const statuses = SUCCESS_STATUSES[route.row] ?? { '200': 'OK' };
  return Object.fromEntries(Object.entries(statuses).map(([status, description]) =>
    [status, EMPTY_STATUSES.has(status) ? { description } : { description, content }]));
}

/** The error statuses a route can answer: 401/403 where credentials are checked, 413/415 with a body, 414 with path parameters. */
function errorStatusesOf(route: HttpRoute, hasBody: boolean, hasPathParams: boolean): string[] {
  const credentials = route.auth !== 'none' || CREDENTIAL_IN_REQUEST.has(route.pattern);
  return Object.keys(ERROR_STATUSES).filter((status) => {
    if (status === '401' || status === '403') return credentials;
    if (status === '413' || status === '415') return hasBody;
    return status !== '414' || hasPathParams;
  });
}

/** The schema the edge validates with (input-schemas.ts, from the handler's DTO), with the documents' field descriptions. */
function described(schema: SchemaObject, fields: DocField[], examples: unknown[] = []): SchemaObject {
  const properties = { ...(schema.properties ?? {}) } as Record<string, SchemaObject>;
  for (const field of fields) {
    const property = properties[field.name];
    if (!property) continue;
    // A field the DTO only requires (its value is checked by the service) shows the documents' type.
    const typed = ['type', 'anyOf', 'oneOf', 'enum', 'properties', 'items'].some((key) => key in property);
    const documented = typed ? {} : documentedField(field, examples);
    properties[field.name] = { ...documented, ...property, ...(field.description && !documented.anyOf ? { description: field.description } : {}) };
  }
  return { ...schema, properties };
}

/** Query parameters from the DTO's schema (its properties; required as the class says). */
function queryParameters(schema: SchemaObject, fields: DocField[]): ParameterObject[] {
  const { properties = {}, required = [] } = described(schema, fields);
  return Object.entries(properties).map(([name, property]) => ({ name, in: 'query', required: required.includes(name), schema: property }));
}

function operationOf(route: HttpRoute, servedPath: string, limits?: LimitsByClass): OperationObject {
  const doc: RouteDoc = ROUTE_DOCS[route.row] ?? EXTRA_ROUTE_DOCS[route.row] ?? {};
  const pathParams = pathParamsOf(route.path);
  const fields = (doc.fields ?? []).filter((f) => !pathParams.includes(f.name));
  const input = INPUT_SCHEMAS[route.pattern] ?? {};
  const parameters: ParameterObject[] = pathParams.map((name) => ({ name, in: 'path', required: true, schema: input.params?.properties?.[name] ?? { type: 'string' } }));
  let requestBody: RequestBodyObject | undefined;
  if (route.method === 'GET' || route.method === 'DELETE') {
    parameters.push(...(input.query ? queryParameters(input.query, fields) : fields.map((field) =>
      ({ name: field.name, in: 'query' as const, required: field.required, schema: fieldSchema(field) }))));
  } else {
    const requests = doc.requests;
    const schema = input.body ? described(input.body, fields, Object.values(requests ?? {})) : bodySchema(fields, Object.values(requests ?? {}));
    const media = { schema, ...(requests ? { examples: examplesOf(requests) } : {}) };
    requestBody = {
      required: fields.some((f) => f.required) || requests !== undefined || (input.body?.required?.length ?? 0) > 0,
      content: { 'application/json': media, 'application/x-www-form-urlencoded': { schema } },
    };
  }
  const errors = errorStatusesOf(route, requestBody !== undefined, pathParams.length > 0);
  const alias = !servedPath.startsWith(route.path);
  const slash = servedPath.endsWith('/') ? '~slash' : '';
  return {
    operationId: `${route.pattern}${alias ? '~identity-service' : ''}${slash}`,
    summary: route.summary,
    description: `${AUTH_NOTES[route.auth]} Route ${route.row}, message pattern \`${route.pattern}\` on ${route.service}.`,
    tags: [route.service],
    security: SECURITY_BY_AUTH[route.auth],
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses: {
      ...successAnswers(route, doc),
      ...Object.fromEntries(errors.map((status) => [status, status === '429' ? rateLimitedAnswer(route, limits) : { $ref: `#/components/responses/E${status}` }])),
    } as ResponsesObject,
  };
}

/** `/a/:id` → `/a/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, '{$1}');
}

/** The paths a route is served on, with the trailing-slash form where the API documents write it. */
export function documentedPaths(route: HttpRoute): string[] {
  return servedPaths(route).flatMap((served) => (DOCUMENTED_WITH_SLASH.includes(`${served}/`) ? [served, `${served}/`] : [served]));
}

/** The OpenAPI 3 document of every route of HTTP_ROUTES under each path it is served on (see documentedPaths). */
export function buildOpenApiDocument(routes: readonly HttpRoute[] = HTTP_ROUTES, limits?: LimitsByClass): OpenAPIObject {
  const paths: Record<string, PathItemObject> = {};
  for (const route of routes) {
    for (const served of documentedPaths(route)) {
      const item = (paths[openApiPath(served)] ??= {});
      item[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'] = operationOf(route, served, limits);
    }
  }
  return { ...base(), paths };
}

// fast-check arbitraries of hostile HTTP input: bodies (wrong types, huge strings, deep nesting,
// unicode, prototype-pollution keys, malformed JSON, wrong content types), path parameters,
// query strings and headers.
import fc from 'fast-check';

/**
 * Inputs that currently answer 500 (bugs reported to the owners, see the trust report). They
 * are kept out so the suite guards everything else; delete a line once its bug is fixed.
 */
/**
 * Inputs kept out of the fuzz while a bug they found is open. All six bugs of the first run
 * (prototype keys, NUL, lone surrogates, deep nesting, '%' path params) are fixed: the gateway
 * and the edge's DtoPipe reject such input with a 400 (libs/errors input-guard). Keep the shape
 * so the next bug found has a place to go.
 */
export const KNOWN_BUG_FILTERS = {
  nul: (_text: string) => true,
  loneSurrogate: (_text: string) => true,
  maxDepth: 6000,
  nestedConstructor: (_text: string) => true,
  param: (_raw: string) => true,
};

/** A raw request body with the content type it is sent under (undefined: no header). */
export interface RawBody { text: string; contentType?: string; kind: string }

const FIELD_NAMES = [
  'id', 'email', 'name', 'code', 'value', 'role', 'participant_id', 'current_participant', 'first_name', 'language',
  'is_active', 'limit', 'offset', 'page', 'token', 'phone', 'body', 'status', 'amount', 'certificates',
];
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

const key = fc.oneof(fc.constantFrom(...FIELD_NAMES, ...POLLUTION_KEYS), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 }));
const hugeString = fc.tuple(fc.integer({ min: 1_000, max: 50_000 }), fc.constantFrom('a', 'é', '𝄞', '\u0000', '"', '\\', '👩‍👩‍👧', ' ', '\u202e'))
  .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)));
const scalar = fc.oneof(
  fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.integer(), fc.double(),
  fc.boolean(), fc.constant(null), fc.constantFrom(-1, 0, 2 ** 53 + 1, 1e308, '', ' ', 'null', 'undefined', 'NaN', '1e999',
    "' OR 1=1 --", '${jndi:x}', '../../etc/passwd', '<script>x</script>', 'urn:authenticateit:participant:', '-0'),
);

/** JSON values, with own `__proto__`/`constructor` keys surviving JSON.stringify. */
const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.array(fc.tuple(key, tie('value')), { maxLength: 6 }).map((entries) => {
    const obj: Record<string, unknown> = {};
    for (const [k, v] of entries) Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
    return obj;
  }),
})).value;

const deepNesting = fc.tuple(fc.integer({ min: 50, max: KNOWN_BUG_FILTERS.maxDepth }), fc.constantFrom('[', '{"a":'))
  .map(([depth, open]) => open.repeat(depth) + '1' + (open === '[' ? ']' : '}').repeat(depth));

const MALFORMED = ['{', '{"a":', '[1,2', '{"a":1}}', 'nul', 'undefined', "{'a':1}", '{"a":1,}', '\u0000', '\ufeff{}', '{"a":"\ud800"}',
  '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '{"a":1e99999}', ' ', '[]]', '"\\x"'];

const json = (value: unknown, kind: string): RawBody => ({ text: JSON.stringify(value) ?? 'null', contentType: 'application/json', kind });

function hasNestedConstructor(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth > 0 && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, 'constructor')) return true;
  return Object.values(value).some((v) => hasNestedConstructor(v, depth + 1));
}

const withoutKnownBugs = (body: RawBody) => KNOWN_BUG_FILTERS.nul(body.text) && KNOWN_BUG_FILTERS.loneSurrogate(body.text)
  && KNOWN_BUG_FILTERS.nestedConstructor(body.text);

export const hostileBody: fc.Arbitrary<RawBody> = fc.oneof(
  { arbitrary: jsonValue.map((v) => json(v, 'json value')), weight: 5 },
  { arbitrary: fc.tuple(key, hugeString).map(([k, s]) => json({ [k]: s }, 'huge string field')), weight: 1 },
  { arbitrary: hugeString.map((s) => json(s, 'huge string body')), weight: 1 },
  { arbitrary: deepNesting.map((text) => ({ text, contentType: 'application/json', kind: 'deep nesting' })), weight: 1 },
  { arbitrary: fc.oneof(fc.constantFrom(...MALFORMED), fc.string({ maxLength: 30 })).map((text) => ({ text, contentType: 'application/json', kind: 'malformed JSON' })), weight: 2 },
  {
    arbitrary: fc.tuple(jsonValue, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
      'application/xml', 'application/json; charset=utf-16', 'application/octet-stream', 'application/vnd.api+json', '', 'garbage'), fc.boolean())
      .map(([v, contentType, form]) => ({ text: form ? 'a=1&b[c]=2&__proto__[x]=1' : JSON.stringify(v) ?? '', contentType: contentType || undefined, kind: 'wrong content type' })),
    weight: 2,
  },
).filter(withoutKnownBugs);

/** Bodies that validation must refuse: never an object with only known fields. */
export const invalidBody: fc.Arbitrary<RawBody> = fc.oneof(
  scalar.map((v) => json(v, 'scalar body')),
  fc.tuple(jsonValue, fc.constantFrom('__unknown_field__', 'zz_not_a_field')).map(([v, unknown]) =>
    json({ ...(typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {}), [unknown]: v ?? 1 }, 'object with an unknown field')),
  fc.array(fc.tuple(jsonValue, key).map(([v, k]) => ({ [k]: v, __unknown_field__: true })), { minLength: 1, maxLength: 5 }).map((items) => json(items, 'array of invalid items')),
  fc.constantFrom(...MALFORMED).filter((t) => !t.includes('__proto__') && !t.includes('constructor')).map((text) => ({ text, contentType: 'application/json', kind: 'malformed JSON' })),
).filter(withoutKnownBugs);

/**
 * A path parameter as it goes into the URL: mostly encoded arbitrary strings, sometimes raw
 * hostile segments (broken percent-encoding, traversal, very long). Never a small number or a
 * participant URN that could name something real.
 */
export const hostileParam: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), scalar.map(String)).map(encodeURIComponent), weight: 4 },
  { arbitrary: fc.constantFrom('%', '%zz', '%00', '%E0%A4%A', '..', '..%2F..%2Fetc', '%2e%2e', '%FF%FE', ';', '%0d%0aX-Injected:%201', '%7B%7D', 'a'.repeat(8_000)), weight: 2 },
).filter(KNOWN_BUG_FILTERS.param).filter((p) => !/^(urn(%3A|:)authenticateit(%3A|:)participant(%3A|:))?\d{1,4}$/i.test(p));

export const hostileQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.array(fc.tuple(fc.oneof(fc.constantFrom('participant_id', 'limit', 'offset', '__proto__', 'a[b]', 'a[]', 'constructor[prototype][x]'), fc.string({ maxLength: 8 })),
    fc.string({ maxLength: 30 })), { minLength: 1, maxLength: 4 })
    .map((pairs) => '?' + pairs.map(([k, v]) => `${encodeURIComponent(k).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(v)}`).join('&')),
);

/** Header values fetch can send (latin-1, no control characters). */
const headerValue = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f && (c < 0x80 || c > 0x9f)).map((c) => String.fromCharCode(c)), maxLength: 80 }),
  fc.constantFrom('Bearer', 'Bearer ', 'Bearer 00000000-0000-4000-8000-000000000000', 'Api-Key pck_x', 'Basic Og==', 'pck_' + 'A'.repeat(43), 'x'.repeat(8_000)),
);

export const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  fc.constantFrom('authenticateit_identity_ticket', 'authorization', 'x-api-key', 'accept', 'accept-language', 'x-forwarded-for',
    'x-request-id', 'x-session', 'x-api-key-caller', 'x-real-ip', 'origin', 'cookie', 'x-http-method-override'),
  headerValue, { maxKeys: 3 },
);

import type { SchemaObject } from '@nestjs/swagger';

/** Keys that hold coins (18-decimal integers, sent as strings) where the documents print a number. */
export const COIN_KEYS = new Set(['coins', 'closed_coins', 'approved_coins', 'pending_coins', 'earned_coins', 'max_coins', 'profile_coins']);

/** A documented number this large is an 18-decimal coin amount (2 coins print as 2000000000000000000). */
const COIN_SIZED = 1e15;
const coinLike = (v: unknown) => (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v));

export const COINS: SchemaObject = { type: 'string', pattern: '^-?[0-9]+$', description: 'Coins: integer with 18 decimals, as a string' };

/** A fee: coins (an 18-decimal string) or percentages (a number), by its `type`. */
const FEE_VALUE: SchemaObject = { anyOf: [COINS, { type: 'number' }], description: 'Coins (string) for a coins fee, a number for a percentages fee' };

type Kind = 'object' | 'array' | 'string' | 'number' | 'boolean';

const kindOf = (value: unknown): Kind => (Array.isArray(value) ? 'array' : typeof value as Kind);

function nullable(schema: SchemaObject): SchemaObject {
  if (schema.anyOf) return { ...schema, anyOf: schema.anyOf.map((s) => nullable(s as SchemaObject)) };
  return schema.type ? { ...schema, nullable: true } : schema;
}

const FEE_TYPES = new Set(['coins', 'percentages']);
const isFee = (objects: Record<string, unknown>[]) => objects.some((o) => 'value' in o && FEE_TYPES.has(o.type as string));

/** A property's schema by its key: coins have a rule of their own. */
function propertySchema(key: string, values: unknown[]): SchemaObject {
  const present = values.filter((v) => v !== null);
  const coins = COIN_KEYS.has(key) || present.some((v) => typeof v === 'number' && Math.abs(v) >= COIN_SIZED);
  if (coins && present.length && present.every(coinLike)) return nullable(COINS);
  return nullable(merged(present));
}

function objectSchema(objects: Record<string, unknown>[]): SchemaObject {
  const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
  const properties: Record<string, SchemaObject> = {};
  for (const key of keys) properties[key] = propertySchema(key, objects.filter((o) => key in o).map((o) => o[key]));
  if (isFee(objects)) properties.value = nullable(FEE_VALUE);
  return { type: 'object', properties };
}

function schemaOfKind(kind: Kind, values: unknown[]): SchemaObject {
  switch (kind) {
    case 'object': return objectSchema(values as Record<string, unknown>[]);
    case 'array': return { type: 'array', items: merged((values as unknown[][]).flat()) };
    // An example cannot tell 7 from 7.0: every number is a number.
    default: return { type: kind };
  }
}

function merged(values: unknown[]): SchemaObject {
  const present = values.filter((v) => v !== null);
  const kinds = [...new Set(present.map(kindOf))];
  if (kinds.length === 0) return {};
  const schemas = kinds.map((kind) => schemaOfKind(kind, present.filter((v) => kindOf(v) === kind)));
  const schema = schemas.length === 1 ? schemas[0] : { anyOf: schemas };
  return present.length < values.length ? nullable(schema) : schema;
}

/**
 * The schema every documented example answer of one route satisfies, and our answers too: the
 * examples merged (every key any example shows; array elements merged; a key whose examples
 * disagree in type gets each type). Properties are optional and may be null: the documents show
 * a key missing or null where the record has no value (a user without a city, the last page's
 * `next`), and the examples only show records that have one. Numbers are `number`, coin keys
 * 18-decimal strings (as the answers send them; the documents often print a number): keys named as coins,
 * and numbers of a coin's size.
 */
export function answerSchema(examples: unknown[]): SchemaObject {
  return merged(examples);
}

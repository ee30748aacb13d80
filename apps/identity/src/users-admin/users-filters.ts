import { DomainError } from '#libs/errors';
import {
  COIN_STATS, COMPUTED_STATS, DAILY_STATS, DAY_METRIC_CODES, DEVICE_BITS, FLOAT_STATS, INT_STATS, LEVELS, LINKED_FLAGS, masksWith, REWARDED_WIDGET_STATS,
  REWARDS_BAN_ACTIVE,
} from './user-stat-columns.js';
import { dateAndQuantity, type SetCondition } from './users-date-quantity.js';
import { rarePart, type TrigramSample } from './trigram-sample.js';

/**
 * One SQL condition on `x` (identity.user_search) with its parameters; `?` placeholders are
 * numbered when the query is assembled. A date_and_quantity condition also carries its set form
 * (`set`), which counts faster when it is the only one, and a row-wise form for walking a sort.
 */
export interface Condition {
  sql: string; params: unknown[]; set?: SetCondition; rowwise?: { sql: string; params: unknown[] };
  /** A bound on the sign-up time (counted from the per-day counts when it is all there is). */
  created?: { from: boolean; at: Date };
}

type FieldError = { field: string; errors: string[] };
/** Ids of the search_terms each name or city filter matches (looked up first: see resolveTerms). */
export type Terms = ReadonlyMap<string, readonly number[]>;
/** Samples of the trigram-indexed fields (see FrequentTrigrams). */
export type FrequentTrigramLists = ReadonlyMap<string, TrigramSample>;
type Add = (c: Condition) => void;
type Bad = (field: string, message: string) => void;

const TERM_FIELDS = new Set(['first_name', 'last_name', 'city']);
const TRIGRAM_FIELDS = new Set(['email', 'phone']);
const EXACT_FIELDS = new Set(['language', 'country', 'gender']);
const PAGING = new Set(['offset', 'limit', 'order_by', 'order_type']);

/** `2012-12-12T01-01-01Z` (the doc's format), ISO 8601, or a date. */
export function parseDateTime(value: unknown): Date | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const doc = /^(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)Z$/.exec(value);
  const text = doc ? `${doc[1]}T${doc[2]}:${doc[3]}:${doc[4]}Z` : value;
  if (!/^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?)?$/.test(text)) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

export const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d\d-\d\d$/.test(v) && !Number.isNaN(new Date(v).getTime());
export const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 2_147_483_647;
const isFloat = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCoins = (v: unknown): boolean => (typeof v === 'string' && /^\d{1,78}$/.test(v)) || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0);
const isFlag = (v: unknown): v is boolean | 0 | 1 => v === true || v === false || v === 0 || v === 1;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `<column>_from` / `<column>_to` filters: the SQL of the column and what a bound must be. */
interface RangeColumn { sql: string; check: (v: unknown) => boolean; coins?: boolean }
const RANGE_COLUMNS: ReadonlyMap<string, RangeColumn> = new Map<string, RangeColumn>([
  ...INT_STATS.filter((c) => !REWARDED_WIDGET_STATS.includes(c)).map((c): [string, RangeColumn] => [c, { sql: `x.${c}`, check: isCount }]),
  ...FLOAT_STATS.map((c): [string, RangeColumn] => [c, { sql: `x.${c}`, check: isFloat }]),
  ...COIN_STATS.map((c): [string, RangeColumn] => [c, { sql: `x.${c}`, check: isCoins, coins: true }]),
  ...[...COMPUTED_STATS].map(([c, { sql, type }]): [string, RangeColumn] => [c, { sql, check: type === 'int' ? isCount : isFloat }]),
]);

/** Everything `POST /users/get` accepts besides `id`; unknown fields are refused. */
export function buildConditions(body: Record<string, unknown>, terms: Terms = new Map(), frequent: FrequentTrigramLists = new Map()): Condition[] {
  const errors: FieldError[] = [];
  const conditions: Condition[] = [];
  const bad: Bad = (field, message) => errors.push({ field, errors: [message] });
  const add: Add = (c) => conditions.push(c);
  for (const [field, value] of Object.entries(body)) {
    if (value === undefined || value === null || PAGING.has(field)) continue;
    if (!filter(field, value, bad, add, terms, frequent)) bad(field, `${field} is not a filter of users/get`);
  }
  if (errors.length > 0) throw DomainError.invalid('Invalid request', errors);
  return conditions;
}

/** Adds the condition of one field (or reports it bad); false when the field is no filter at all. */
function filter(field: string, value: unknown, bad: Bad, add: Add, terms: Terms, frequent: FrequentTrigramLists): boolean {
  if (TERM_FIELDS.has(field) || TRIGRAM_FIELDS.has(field)) return substring(field, value, bad, add, terms.get(field), frequent.get(field));
  if (EXACT_FIELDS.has(field)) {
    if (typeof value !== 'string' || value.length > 20) bad(field, `${field} must be a string`);
    else add({ sql: `x.${field} = ?`, params: [value] });
    return true;
  }
  if (DAILY_STATS.includes(field)) return dateAndQuantityFilter(field, value, bad, add);
  if (REWARDED_WIDGET_STATS.includes(field)) return quantity(field, value, bad, add);
  if (LINKED_FLAGS.has(field)) {
    if (!isFlag(value)) bad(field, `${field} must be a boolean`);
    else add({ sql: `${value === true || value === 1 ? '' : 'NOT '}x.linked = ANY(?)`, params: [masksWith(LINKED_FLAGS.get(field)!.bit, 8)] });
    return true;
  }
  switch (field) {
    case 'level':
      if (!LEVELS.includes(value as never)) bad(field, `level must be one of ${LEVELS.join(', ')}`);
      else add({ sql: 'x.level = ?', params: [value] });
      return true;
    case 'created_from': case 'created_to': case 'last_access_from': case 'last_access_to': {
      const at = parseDateTime(value);
      if (!at) bad(field, `${field} must be a date time like 2012-12-12T01-01-01Z`);
      else if (field.startsWith('created')) add({ sql: `x.created_at ${field.endsWith('_from') ? '>=' : '<='} ?`, params: [at], created: { from: field.endsWith('_from'), at } });
      else add({ sql: `x.last_access ${field.endsWith('_from') ? '>=' : '<='} ?`, params: [at] });
      return true;
    }
    case 'device': {
      const bit = typeof value === 'string' ? DEVICE_BITS.get(value) : undefined;
      if (!bit) bad(field, 'device must be one of ios, android, baidu');
      else add({ sql: 'x.devices = ANY(?)', params: [masksWith(bit, 3)] });
      return true;
    }
    case 'rewards_ban_status': case 'permanent_ban_status':
      if (value !== 'active' && value !== 'inactive') bad(field, `${field} must be active or inactive`);
      else add({ sql: `${value === 'active' ? '' : 'NOT '}${field === 'rewards_ban_status' ? REWARDS_BAN_ACTIVE : 'x.blocked'}`, params: [] });
      return true;
    case 'total_days_from_last_access_from': case 'total_days_from_last_access_to':
      // More days since last access means an earlier last access.
      if (!isCount(value)) bad(field, `${field} must be an integer >= 0`);
      else add({ sql: `x.last_access ${field.endsWith('_from') ? '<=' : '>='} now() - make_interval(days => ?)`, params: [value] });
      return true;
    case 'rewarded_widgets_date':
      if (!isObject(value) || !isDay(value.date_from) || !isDay(value.date_to)) bad(field, 'rewarded_widgets_date must be { date_from, date_to } (YYYY-MM-DD)');
      else add({
        sql: 'EXISTS (SELECT 1 FROM identity.user_search_days d WHERE d.metric = ANY(?) AND d.uid = x.uid AND d.day BETWEEN ? AND ?)',
        params: [REWARDED_WIDGET_STATS.map((m) => DAY_METRIC_CODES.get(m)), value.date_from, value.date_to],
      });
      return true;
    default:
      return range(field, value, bad, add);
  }
}

/**
 * `%value%`, case-insensitive. Names and cities repeat across users: the dictionary of their
 * distinct values is searched (trigram index) and the users found by term id; emails and phones
 * are nearly unique, so their own trigram index is searched.
 */
function substring(field: string, value: unknown, bad: Bad, add: Add, termIds?: readonly number[], frequent?: TrigramSample): true {
  const pattern = substringPattern(value);
  if (pattern === undefined) bad(field, `${field} must be a string of 1 to 100 characters`);
  else if (TRIGRAM_FIELDS.has(field)) add(trigramSearch(field, pattern, rarePart(value as string, frequent)));
  else if (termIds) add({ sql: `x.${field}_term = ANY(?)`, params: [termIds] });
  else add({ sql: `x.${field}_term = ANY(ARRAY(${TERMS_SQL}))`, params: [field, pattern] });
  return true;
}

/**
 * With a rare part, the index is searched for it alone (a frequent trigram reads a posting list as
 * long as the table) and the whole pattern is tested on the rows found: `|| ''` keeps the planner
 * from handing that test to the index too. Every match of the whole value contains the part.
 */
function trigramSearch(field: string, pattern: string, part: string | undefined): Condition {
  if (part === undefined) return { sql: `x.${field} ILIKE ? ESCAPE '\\'`, params: [pattern] };
  return { sql: `x.${field} ILIKE ? ESCAPE '\\' AND (x.${field} || '') ILIKE ? ESCAPE '\\'`, params: [substringPattern(part), pattern] };
}

const TERMS_SQL = `SELECT t.id FROM identity.search_terms t WHERE t.field = ? AND t.value ILIKE ? ESCAPE '\\'`;

function substringPattern(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 100) return undefined;
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The term ids of the name and city filters of a body, looked up before the list is planned: with
 * the ids as a parameter the planner knows how many users to expect (walk the sort, or collect them).
 */
export async function resolveTerms(query: (sql: string, params: unknown[]) => Promise<{ id: number }[]>, body: Record<string, unknown>): Promise<Terms> {
  const terms = new Map<string, number[]>();
  for (const field of TERM_FIELDS) {
    const pattern = Object.hasOwn(body, field) ? substringPattern(body[field]) : undefined;
    if (pattern !== undefined) terms.set(field, (await query(TERMS_SQL.replace('?', '$1').replace('?', '$2'), [field, pattern])).map((r) => r.id));
  }
  return terms;
}

function range(field: string, value: unknown, bad: Bad, add: Add): boolean {
  const match = /^(.+)_(from|to)$/.exec(field);
  const column = match ? RANGE_COLUMNS.get(match[1]) : undefined;
  if (!match || !column) return false;
  if (!column.check(value)) bad(field, `${field} has a bad value`);
  else add({ sql: `${column.sql} ${match[2] === 'from' ? '>=' : '<='} ?`, params: [column.coins ? String(value) : value] });
  return true;
}

/** `{ date_from, date_to, value_from, value_to }`: the sum of the metric over those days within the value range. */
function dateAndQuantityFilter(field: string, value: unknown, bad: Bad, add: Add): true {
  const ok = isObject(value) && Object.keys(value).every((k) => ['date_from', 'date_to', 'value_from', 'value_to'].includes(k))
    && (value.date_from === undefined || isDay(value.date_from)) && (value.date_to === undefined || isDay(value.date_to))
    && (value.value_from === undefined || isCount(value.value_from)) && (value.value_to === undefined || isCount(value.value_to));
  if (!ok) { bad(field, `${field} must be { date_from, date_to, value_from, value_to }`); return true; }
  const condition = dateAndQuantity(DAY_METRIC_CODES.get(field)!, {
    from: (value.date_from as string | undefined) ?? '0001-01-01', to: (value.date_to as string | undefined) ?? '9999-12-31',
    low: (value.value_from as number | undefined) ?? 0, high: value.value_to as number | undefined,
  });
  if (condition) add(condition);
  return true;
}

function quantity(field: string, value: unknown, bad: Bad, add: Add): true {
  if (isCount(value)) { add({ sql: `x.${field} = ?`, params: [value] }); return true; }
  const ok = isObject(value) && Object.keys(value).every((k) => k === 'value_from' || k === 'value_to')
    && (value.value_from === undefined || isCount(value.value_from)) && (value.value_to === undefined || isCount(value.value_to));
  if (!ok) { bad(field, `${field} must be { value_from, value_to }`); return true; }
  if (value.value_from !== undefined) add({ sql: `x.${field} >= ?`, params: [value.value_from] });
  if (value.value_to !== undefined) add({ sql: `x.${field} <= ?`, params: [value.value_to] });
  return true;
}

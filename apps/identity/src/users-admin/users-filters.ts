import { DomainError } from '#libs/errors';
import { COIN_STATS, DAILY_STATS, FLOAT_STATS, INT_STATS, LEVELS, LINKED_FLAGS } from './user-stat-columns.js';

/** One SQL condition with its parameters; `$n` placeholders are numbered when the query is assembled. */
export interface Condition { sql: string; params: unknown[]; needsStats: boolean }

type FieldError = { field: string; errors: string[] };

const DEVICE_TYPES: Record<string, string[]> = { ios: ['apns', 'apns_sandbox'], android: ['gcm'], andriod: ['gcm'], baidu: ['baidu'] };
const LIKE_FIELDS: Record<string, string> = { phone: 'u.phone', email: 'u.email', first_name: 'u.first_name', last_name: 'u.last_name', city: 'u.city' };
const EXACT_FIELDS: Record<string, string> = { language: 'u.language', country: 'u.country', gender: 'u.gender' };
const WIDGET_METRICS = [...INT_STATS].filter((c) => c.startsWith('system_rewarded_widget_') || c.startsWith('brand_rewarded_widget_'));

/** `2012-12-12T01-01-01Z` (the doc's format), ISO 8601, or a date. */
export function parseDateTime(value: unknown): Date | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const doc = /^(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)Z$/.exec(value);
  const text = doc ? `${doc[1]}T${doc[2]}:${doc[3]}:${doc[4]}Z` : value;
  if (!/^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?)?$/.test(text)) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d\d-\d\d$/.test(v) && !Number.isNaN(new Date(v).getTime());
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 2_147_483_647;
const isFloat = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCoins = (v: unknown): boolean => (typeof v === 'string' && /^\d{1,78}$/.test(v)) || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0);
const isFlag = (v: unknown): v is boolean | 0 | 1 => v === true || v === false || v === 0 || v === 1;

/** The stats-backed numeric filter columns: `<col>_from` / `<col>_to`. */
const RANGE_COLUMNS: Record<string, (v: unknown) => boolean> = Object.fromEntries([
  ...INT_STATS.filter((c) => !WIDGET_METRICS.includes(c)).map((c) => [c, isCount] as const),
  ...FLOAT_STATS.map((c) => [c, isFloat] as const),
  ...COIN_STATS.map((c) => [c, isCoins] as const),
]);

/** Everything `POST /users/get` accepts besides `id`; unknown fields are refused. */
export function buildConditions(body: Record<string, unknown>): Condition[] {
  const errors: FieldError[] = [];
  const conditions: Condition[] = [];
  const bad = (field: string, message: string) => errors.push({ field, errors: [message] });
  const add = (sql: string, params: unknown[] = [], needsStats = false) => conditions.push({ sql, params, needsStats });

  for (const [field, value] of Object.entries(body)) {
    if (value === undefined || value === null || ['offset', 'limit', 'order_by', 'order_type'].includes(field)) continue;
    if (field in LIKE_FIELDS) {
      if (typeof value !== 'string' || value.length === 0 || value.length > 100) { bad(field, `${field} must be a string of 1 to 100 characters`); continue; }
      add(`${LIKE_FIELDS[field]} ILIKE ? ESCAPE '\\'`, [`%${value.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`]);
    } else if (field in EXACT_FIELDS) {
      if (typeof value !== 'string' || value.length > 20) { bad(field, `${field} must be a string`); continue; }
      add(`${EXACT_FIELDS[field]} = ?`, [value]);
    } else if (field === 'level') {
      if (!LEVELS.includes(value as never)) { bad(field, `level must be one of ${LEVELS.join(', ')}`); continue; }
      add('s.level = ?', [value], true);
    } else if (field === 'created_from' || field === 'created_to' || field === 'last_access_from' || field === 'last_access_to') {
      const at = parseDateTime(value);
      if (!at) { bad(field, `${field} must be a date time like 2012-12-12T01-01-01Z`); continue; }
      const column = field.startsWith('created') ? 'u.created_at' : 's.last_access';
      add(`${column} ${field.endsWith('_from') ? '>=' : '<='} ?`, [at], column.startsWith('s.'));
    } else if (field === 'device') {
      const types = typeof value === 'string' ? DEVICE_TYPES[value] : undefined;
      if (!types) { bad(field, 'device must be one of ios, android, baidu'); continue; }
      add('EXISTS (SELECT 1 FROM identity.devices d WHERE d.user_id = u.id AND d.type = ANY(?))', [types]);
    } else if (field === 'rewards_ban_status' || field === 'permanent_ban_status') {
      if (value !== 'active' && value !== 'inactive') { bad(field, `${field} must be active or inactive`); continue; }
      if (field === 'rewards_ban_status') add('s.rewards_ban_status = ?', [value], true);
      else add(value === 'active' ? 'u.blocked_at IS NOT NULL' : 'u.blocked_at IS NULL');
    } else if (field === 'total_days_from_last_access_from' || field === 'total_days_from_last_access_to') {
      if (!isCount(value)) { bad(field, `${field} must be an integer >= 0`); continue; }
      // More days since last access means an earlier last access.
      add(`s.last_access ${field.endsWith('_from') ? '<=' : '>='} now() - make_interval(days => ?)`, [value], true);
    } else if (field in LINKED_FLAGS) {
      if (!isFlag(value)) { bad(field, `${field} must be a boolean`); continue; }
      const linked = `(u.reg_type = ? OR EXISTS (SELECT 1 FROM identity.merged_accounts m WHERE m.primary_user_id = u.id AND m.secondary_reg_type = ?))`;
      add(value === true || value === 1 ? linked : `NOT ${linked}`, [LINKED_FLAGS[field], LINKED_FLAGS[field]]);
    } else if ((DAILY_STATS as readonly string[]).includes(field)) {
      dateAndQuantity(field, value, bad, add);
    } else if (WIDGET_METRICS.includes(field as never)) {
      quantity(field, value, bad, add);
    } else if (field === 'rewarded_widgets_date') {
      const v = value as Record<string, unknown>;
      if (typeof v !== 'object' || !isDay(v.date_from) || !isDay(v.date_to)) { bad(field, 'rewarded_widgets_date must be { date_from, date_to } (YYYY-MM-DD)'); continue; }
      add('EXISTS (SELECT 1 FROM identity.user_stat_days d WHERE d.user_id = u.id AND d.metric = ANY(?) AND d.day BETWEEN ? AND ? AND d.value > 0)',
        [WIDGET_METRICS, v.date_from, v.date_to]);
    } else {
      const range = /^(.+)_(from|to)$/.exec(field);
      const check = range ? RANGE_COLUMNS[range[1]] : undefined;
      if (!range || !check) { bad(field, `${field} is not a filter of users/get`); continue; }
      if (!check(value)) { bad(field, `${field} has a bad value`); continue; }
      add(`s.${range[1]} ${range[2] === 'from' ? '>=' : '<='} ?`, [typeof value === 'number' && COIN_STATS.includes(range[1] as never) ? String(value) : value], true);
    }
  }
  if (errors.length > 0) throw DomainError.invalid('Invalid request', errors);
  return conditions;
}

/** `{ date_from, date_to, value_from, value_to }`: the sum of the metric over those days within the value range. */
function dateAndQuantity(field: string, value: unknown, bad: (f: string, m: string) => void, add: (sql: string, params: unknown[], stats?: boolean) => void): void {
  const v = value as Record<string, unknown>;
  const ok = typeof v === 'object' && !Array.isArray(v) && Object.keys(v).every((k) => ['date_from', 'date_to', 'value_from', 'value_to'].includes(k))
    && (v.date_from === undefined || isDay(v.date_from)) && (v.date_to === undefined || isDay(v.date_to))
    && (v.value_from === undefined || isCount(v.value_from)) && (v.value_to === undefined || isCount(v.value_to));
  if (!ok) { bad(field, `${field} must be { date_from, date_to, value_from, value_to }`); return; }
  const from = (v.date_from as string | undefined) ?? '0001-01-01';
  const to = (v.date_to as string | undefined) ?? '9999-12-31';
  const low = (v.value_from as number | undefined) ?? 0;
  const high = v.value_to as number | undefined;
  const sum = `COALESCE((SELECT sum(d.value) FROM identity.user_stat_days d WHERE d.metric = ? AND d.user_id = u.id AND d.day BETWEEN ? AND ?), 0)`;
  if (low > 0) {
    // Only users with rows in the range can reach a positive sum: start from the metric's index.
    add(`u.id IN (SELECT d.user_id FROM identity.user_stat_days d WHERE d.metric = ? AND d.day BETWEEN ? AND ? GROUP BY d.user_id HAVING sum(d.value) >= ?${high !== undefined ? ' AND sum(d.value) <= ?' : ''})`,
      [field, from, to, low, ...(high !== undefined ? [high] : [])]);
  } else if (high !== undefined) {
    add(`${sum} <= ?`, [field, from, to, high]);
  }
}

function quantity(field: string, value: unknown, bad: (f: string, m: string) => void, add: (sql: string, params: unknown[], stats?: boolean) => void): void {
  if (isCount(value)) { add(`s.${field} = ?`, [value], true); return; }
  const v = value as Record<string, unknown>;
  const ok = typeof v === 'object' && !Array.isArray(v) && Object.keys(v).every((k) => k === 'value_from' || k === 'value_to')
    && (v.value_from === undefined || isCount(v.value_from)) && (v.value_to === undefined || isCount(v.value_to));
  if (!ok) { bad(field, `${field} must be { value_from, value_to }`); return; }
  if (v.value_from !== undefined) add(`s.${field} >= ?`, [v.value_from], true);
  if (v.value_to !== undefined) add(`s.${field} <= ?`, [v.value_to], true);
}

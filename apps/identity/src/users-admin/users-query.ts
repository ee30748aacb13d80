import { DomainError } from '#libs/errors';
import { buildConditions, type Condition, type FrequentTrigramLists, type Terms } from './users-filters.js';
import { ORDER_COLUMNS, orderDirection } from './users-order.js';

const MAX_LIMIT = 1000;

export interface Statement { sql: string; params: unknown[] }

/** `order`: the page's ORDER BY over `x`, to keep the order when its rows are read (pageRows). */
export interface ListQueries { order: string; count: Statement; page: Statement; rowwisePage?: Statement }

/**
 * The rows of a page in its order, in the same statement as the page: the page's uids joined back
 * to `x` by primary key; `select` the columns, `joins` what else is joined to `x`.
 */
export function pageRows(page: Statement, order: string, select: string, joins: string): Statement {
  return { sql: `SELECT ${select} FROM (${page.sql}) p JOIN identity.user_search x ON x.uid = p.uid ${joins} ${order}`, params: page.params };
}

/**
 * The statements of a `users/get` list over identity.user_search `x`: the exact count and a page
 * of uids (sorted by an index where one exists, no wide rows read). With a date_and_quantity
 * filter there is a second form of the page that walks the sort and tests each user, for when
 * many users match (`rowwisePage`). `terms`: see resolveTerms. Exported for bench/users-search.mjs,
 * which EXPLAINs them.
 */
export function listQueries(body: Record<string, unknown>, terms?: Terms, frequent?: FrequentTrigramLists): ListQueries {
  const { offset, limit, orderBy, orderType } = paging(body);
  const conditions = buildConditions(body, terms, frequent);
  const direction = orderDirection(orderBy, orderType);
  const order = `ORDER BY ${ORDER_COLUMNS.get(orderBy)} ${direction}, x.uid ${direction}`;
  const tail = `${order} LIMIT ${limit} OFFSET ${offset}`;
  const page = (forms: Condition[]) => {
    const where = assemble(forms);
    return { sql: `SELECT x.uid FROM identity.user_search x ${where.sql} ${tail}`, params: where.params };
  };
  return {
    order,
    count: countStatement(conditions),
    page: conditions.length === 0 && orderBy === 'created' && offset >= JUMP_FROM ? jumpPage(direction, limit, offset) : page(conditions),
    ...(conditions.some((c) => c.rowwise) ? { rowwisePage: page(conditions.map((c) => (c.rowwise ? { ...c.rowwise } : c))) } : {}),
  };
}

/** From this offset on, an unfiltered page by sign-up date starts at its own day (jumpPage). */
const JUMP_FROM = 5000;

/**
 * The unfiltered page by sign-up date at a deep offset: the users of the days before the page's
 * day are counted from user_search_created_days (exact, kept by triggers: the same snapshot as
 * the rows), so the index skips only the rows of that day before the page instead of `offset` rows.
 */
function jumpPage(direction: 'ASC' | 'DESC', limit: number, offset: number): Statement {
  const desc = direction === 'DESC';
  const sql = `WITH days AS (SELECT day, sum(n) AS n FROM identity.user_search_created_days GROUP BY day),
      runs AS (SELECT day, sum(n) OVER (ORDER BY day ${direction}) - n AS before FROM days),
      jump AS (SELECT day, before FROM runs WHERE before <= ${offset} ORDER BY day ${desc ? 'ASC' : 'DESC'} LIMIT 1)
    SELECT x.uid FROM identity.user_search x
    WHERE x.created_at ${desc ? '<' : '>='} (SELECT (jump.day ${desc ? '+ 1' : ''})::timestamp AT TIME ZONE 'UTC' FROM jump)
    ORDER BY x.created_at ${direction}, x.uid ${direction} LIMIT ${limit} OFFSET (SELECT ${offset} - jump.before FROM jump)`;
  return { sql, params: [] };
}

const TOTAL = 'SELECT sum(n) FROM identity.user_search_count';

/** Every user has one row: no filter reads the counter shards; one date_and_quantity filter counts its set alone. */
function countStatement(conditions: Condition[]): Statement {
  if (conditions.length === 0) return { sql: `SELECT (${TOTAL})::bigint AS count`, params: [] };
  if (conditions.every((c) => c.created)) return createdCount(conditions.map((c) => c.created!));
  const only = conditions.length === 1 ? conditions[0].set : undefined;
  if (only) {
    const counts = assemble(only.branches.map((b) => ({ sql: `(SELECT count(*) FROM (${b.sql}) b)`, params: b.params })), '', ' + ');
    return { sql: `SELECT ${only.negated ? `(${TOTAL}) - (${counts.sql})` : counts.sql}::bigint AS count`, params: counts.params };
  }
  const where = assemble(conditions);
  return { sql: `SELECT count(*) AS count FROM identity.user_search x ${where.sql}`, params: where.params };
}

/**
 * Users who signed up within bounds: the whole UTC days inside them from the per-day counts, the
 * users of the days the bounds fall on from the index (the counts are exact and in the same
 * snapshot, see jumpPage). Several bounds on one side: the tightest holds.
 */
function createdCount(bounds: { from: boolean; at: Date }[]): Statement {
  const pick = (from: boolean) => bounds.filter((b) => b.from === from).map((b) => b.at.getTime())
    .reduce<number | undefined>((best, t) => (best === undefined || (from ? t > best : t < best) ? t : best), undefined);
  const from = pick(true);
  const to = pick(false);
  const startOfDay = (t: number) => Math.floor(t / 86_400_000) * 86_400_000;
  const day = (t: number) => new Date(startOfDay(t)).toISOString().slice(0, 10);
  const days = [...(from !== undefined ? [`day > '${day(from)}'`] : []), ...(to !== undefined ? [`day < '${day(to)}'`] : [])];
  const inside = [...(from !== undefined ? ['x.created_at >= ?'] : []), ...(to !== undefined ? ['x.created_at <= ?'] : [])];
  const edges = [...(from !== undefined ? ['x.created_at < ?'] : []), ...(to !== undefined ? ['x.created_at >= ?'] : [])];
  const params = [
    ...(from !== undefined ? [new Date(from)] : []), ...(to !== undefined ? [new Date(to)] : []),
    ...(from !== undefined ? [new Date(startOfDay(from) + 86_400_000)] : []), ...(to !== undefined ? [new Date(startOfDay(to))] : []),
  ];
  const sql = `SELECT (coalesce((SELECT sum(n) FROM identity.user_search_created_days WHERE ${days.join(' AND ')}), 0)
    + (SELECT count(*) FROM identity.user_search x WHERE ${inside.join(' AND ')} AND (${edges.join(' OR ')})))::bigint AS count`;
  return assemble([{ sql, params }], '', '');
}

function paging(body: Record<string, unknown>): { offset: number; limit: number; orderBy: string; orderType: 'asc' | 'desc' } {
  const errors: { field: string; errors: string[] }[] = [];
  const { offset = 0, limit = 20, order_by: orderBy = 'created', order_type: orderType = 'desc' } = body;
  if (!Number.isInteger(offset) || (offset as number) < 0 || (offset as number) > 10_000_000) errors.push({ field: 'offset', errors: ['offset must be an integer from 0'] });
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_LIMIT) errors.push({ field: 'limit', errors: [`limit must be an integer from 1 to ${MAX_LIMIT}`] });
  if (typeof orderBy !== 'string' || !ORDER_COLUMNS.has(orderBy)) errors.push({ field: 'order_by', errors: ['order_by must be one of the documented columns'] });
  if (orderType !== 'asc' && orderType !== 'desc') errors.push({ field: 'order_type', errors: ['order_type must be asc or desc'] });
  if (errors.length > 0) throw DomainError.invalid('Invalid request', errors);
  return { offset: offset as number, limit: limit as number, orderBy: orderBy as string, orderType: orderType as 'asc' | 'desc' };
}

/** `?` placeholders become `$1..$n` in order. */
function assemble(conditions: { sql: string; params: unknown[] }[], keyword = 'WHERE ', separator = ' AND '): Statement {
  if (conditions.length === 0) return { sql: '', params: [] };
  const params: unknown[] = [];
  const parts = conditions.map((c) => {
    let i = 0;
    return c.sql.replace(/\?/g, () => { params.push(c.params[i++]); return `$${params.length}`; });
  });
  return { sql: `${keyword}${parts.join(separator)}`, params };
}

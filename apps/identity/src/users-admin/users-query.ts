import { DomainError } from '#libs/errors';
import { buildConditions, type Condition } from './users-filters.js';
import { ORDER_COLUMNS, orderDirection } from './users-order.js';

const MAX_LIMIT = 1000;

/**
 * The two statements of a `users/get` list: a page of ids (sorted by an index where one exists,
 * no wide rows read) and the count. user_stats is joined only when a filter or the sort needs it.
 * Exported for bench/users-search.mjs, which EXPLAINs exactly these statements.
 */
export function listQueries(body: Record<string, unknown>): { pageSql: string; countSql: string; params: unknown[] } {
  const { offset, limit, orderBy, orderType } = paging(body);
  const conditions = buildConditions(body);
  const order = ORDER_COLUMNS[orderBy];
  const where = assemble(conditions);
  const joinStats = (needed: boolean) => (needed ? ' JOIN identity.user_stats s ON s.user_id = u.id' : '');
  const filterNeedsStats = conditions.some((c) => c.needsStats);
  const direction = orderDirection(orderBy, orderType);
  const statsOnly = conditions.length > 0 && conditions.every((c) => !/\bu\./.test(c.sql));
  return {
    pageSql: `SELECT u.id FROM identity.users u${joinStats(filterNeedsStats || order.needsStats)} ${where.sql}
      ORDER BY ${order.sql} ${direction}, u.id ${direction} LIMIT ${limit} OFFSET ${offset}`,
    // Every user has exactly one stats row: filters on statistics only count user_stats (its indexes) alone.
    countSql: statsOnly
      ? `SELECT count(*) AS count FROM identity.user_stats s ${where.sql}`
      : `SELECT count(*) AS count FROM identity.users u${joinStats(filterNeedsStats)} ${where.sql}`,
    params: where.params,
  };
}

function paging(body: Record<string, unknown>): { offset: number; limit: number; orderBy: string; orderType: 'asc' | 'desc' } {
  const errors: { field: string; errors: string[] }[] = [];
  const { offset = 0, limit = 20, order_by: orderBy = 'created', order_type: orderType = 'desc' } = body;
  if (!Number.isInteger(offset) || (offset as number) < 0 || (offset as number) > 10_000_000) errors.push({ field: 'offset', errors: ['offset must be an integer from 0'] });
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_LIMIT) errors.push({ field: 'limit', errors: [`limit must be an integer from 1 to ${MAX_LIMIT}`] });
  if (typeof orderBy !== 'string' || !(orderBy in ORDER_COLUMNS)) errors.push({ field: 'order_by', errors: ['order_by must be one of the documented columns'] });
  if (orderType !== 'asc' && orderType !== 'desc') errors.push({ field: 'order_type', errors: ['order_type must be asc or desc'] });
  if (errors.length > 0) throw DomainError.invalid('Invalid request', errors);
  return { offset: offset as number, limit: limit as number, orderBy: orderBy as string, orderType: orderType as 'asc' | 'desc' };
}

/** `?` placeholders become `$1..$n` in order. */
function assemble(conditions: Condition[]): { sql: string; params: unknown[] } {
  if (conditions.length === 0) return { sql: '', params: [] };
  const params: unknown[] = [];
  const parts = conditions.map((c) => {
    let i = 0;
    return c.sql.replace(/\?/g, () => { params.push(c.params[i++]); return `$${params.length}`; });
  });
  return { sql: `WHERE ${parts.join(' AND ')}`, params };
}


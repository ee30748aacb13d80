import { DomainError } from '#libs/errors';
import { parseDocDate } from '../common/iso.js';

export interface Range { from: Date | null; to: Date | null; offset: number; limit: number; order: 'ASC' | 'DESC' }

/** from/to/offset/limit/order of the admin lists; invalid dates or from > to are refused. */
export function rangeOf(q: { from?: string; to?: string; offset?: number; limit?: number; order?: 'asc' | 'desc' }): Range {
  const from = q.from === undefined ? null : parseDocDate(q.from);
  const to = q.to === undefined ? null : parseDocDate(q.to);
  const errors = [];
  if (q.from !== undefined && !from) errors.push({ field: 'from', errors: ['from is not a valid date'] });
  if (q.to !== undefined && !to) errors.push({ field: 'to', errors: ['to is not a valid date'] });
  if (from && to && from > to) errors.push({ field: 'from', errors: ['from must not be after to'] });
  if (errors.length > 0) throw DomainError.invalid('Invalid request', errors);
  return { from, to, offset: q.offset ?? 0, limit: q.limit ?? 20, order: q.order === 'asc' ? 'ASC' : 'DESC' };
}

/** The range's bounds on `column` as SQL conditions, their values appended to `params`. */
export function rangeSql(r: Range, column: string, params: unknown[]): string {
  let sql = '';
  if (r.from) { params.push(r.from); sql += ` AND ${column} >= $${params.length}`; }
  if (r.to) { params.push(r.to); sql += ` AND ${column} <= $${params.length}`; }
  return sql;
}

import { COIN_STATS, COMPUTED_STATS, DAILY_STATS, FLOAT_STATS, INT_STATS, LINKED_FLAGS, REWARDS_BAN_ACTIVE } from './user-stat-columns.js';

/** `order_by` values of the doc and the SQL over `x` (identity.user_search) they sort by. */
export const ORDER_COLUMNS: ReadonlyMap<string, string> = new Map([
  ...['phone', 'email', 'first_name', 'last_name', 'language', 'country', 'city', 'gender', 'reg_type', 'level', 'last_access'].map((c) => [c, `x.${c}`] as const),
  ['created', 'x.created_at'],
  ['id', 'x.user_id'],
  ['permanent_ban_status', 'x.blocked'],
  ['rewards_ban_status', REWARDS_BAN_ACTIVE],
  ['device', 'x.devices'],
  ['total_days_from_last_access', 'x.last_access'],
  ...[...INT_STATS, ...FLOAT_STATS, ...COIN_STATS, ...DAILY_STATS].map((c) => [c, `x.${c}`] as const),
  ...[...COMPUTED_STATS].map(([c, { sql }]) => [c, sql] as const),
  ...[...LINKED_FLAGS].map(([flag, { bit }]) => [flag, `((x.linked & ${bit}) <> 0)`] as const),
]);

/** Days since last access sort the other way round than the timestamp. */
export function orderDirection(orderBy: string, type: 'asc' | 'desc'): 'ASC' | 'DESC' {
  const flip = orderBy === 'total_days_from_last_access';
  return (type === 'asc') !== flip ? 'ASC' : 'DESC';
}

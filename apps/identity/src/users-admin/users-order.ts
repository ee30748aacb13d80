import { COIN_STATS, DAILY_STATS, FLOAT_STATS, INT_STATS, LINKED_FLAGS } from './user-stat-columns.js';

/** `order_by` values of the doc and the SQL they sort by; `needsStats` when it reads user_stats. */
export const ORDER_COLUMNS: Record<string, { sql: string; needsStats: boolean }> = {
  phone: { sql: 'u.phone', needsStats: false },
  email: { sql: 'u.email', needsStats: false },
  first_name: { sql: 'u.first_name', needsStats: false },
  last_name: { sql: 'u.last_name', needsStats: false },
  language: { sql: 'u.language', needsStats: false },
  country: { sql: 'u.country', needsStats: false },
  city: { sql: 'u.city', needsStats: false },
  gender: { sql: 'u.gender', needsStats: false },
  reg_type: { sql: 'u.reg_type', needsStats: false },
  created: { sql: 'u.created_at', needsStats: false },
  id: { sql: 'u.id', needsStats: false },
  permanent_ban_status: { sql: '(u.blocked_at IS NOT NULL)', needsStats: false },
  device: { sql: '(SELECT min(d.type) FROM identity.devices d WHERE d.user_id = u.id)', needsStats: false },
  level: { sql: 's.level', needsStats: true },
  last_access: { sql: 's.last_access', needsStats: true },
  rewards_ban_status: { sql: 's.rewards_ban_status', needsStats: true },
  total_days_from_last_access: { sql: 's.last_access', needsStats: true },
  ...Object.fromEntries([...INT_STATS, ...FLOAT_STATS, ...COIN_STATS, ...DAILY_STATS].map((c) => [c, { sql: `s.${c}`, needsStats: true }])),
  ...Object.fromEntries(Object.entries(LINKED_FLAGS).map(([flag, type]) => [flag, {
    sql: `(u.reg_type = '${type}' OR EXISTS (SELECT 1 FROM identity.merged_accounts m WHERE m.primary_user_id = u.id AND m.secondary_reg_type = '${type}'))`,
    needsStats: false,
  }])),
};

/** Days since last access sort the other way round than the timestamp. */
export function orderDirection(orderBy: string, type: 'asc' | 'desc'): 'ASC' | 'DESC' {
  const flip = orderBy === 'total_days_from_last_access';
  return (type === 'asc') !== flip ? 'ASC' : 'DESC';
}

import type { AuditListRequest } from '#libs/contracts';

/** The columns every service's list answers with (`time`: UTC with microseconds, sorts as text). */
const COLUMNS = `id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS time, action, operation, target_type, target_id,
  target_owner, actor_user_id, actor_participant_id, actor_ip, request_id, caller, before, after`;

/**
 * The newest `limit` events of `table` matching the filters, strictly older than `before`
 * (keyset: `(at, id)`, the order of the at/id index), as one parameterised statement.
 */
export function auditListQuery(table: string, request: AuditListRequest): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => { params.push(value); return `$${params.length}`; };
  if (request.actor !== undefined) where.push(`actor_user_id = ${param(request.actor)}`);
  if (request.target !== undefined) {
    const target = param(request.target);
    where.push(`(target_id = ${target} OR target_owner = ${target})`);
  }
  if (request.action !== undefined) where.push(`action = ${param(request.action)}`);
  if (request.from !== undefined) where.push(`at >= ${param(request.from)}::timestamptz`);
  if (request.to !== undefined) where.push(`at < ${param(request.to)}::timestamptz`);
  if (request.before !== undefined) {
    where.push(`(at, id) < (${param(request.before.time)}::timestamptz, ${param(request.before.id)}::uuid)`);
  }
  const sql = `SELECT ${COLUMNS} FROM ${table}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ${param(request.limit)}`;
  return { sql, params };
}

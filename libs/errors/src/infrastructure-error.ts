/**
 * PostgreSQL SQLSTATE classes and socket errors that mean "the database is not reachable right
 * now" rather than "this request is wrong": 08 connection exception, 57P01-57P03 admin
 * shutdown / crash shutdown / cannot connect now, 53300 too many connections.
 */
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const UNAVAILABLE_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|the database system is (starting up|shutting down)/i;

/** True when an error thrown by the database driver means the database is unavailable (answer 503). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; driverError?: unknown; message?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_SQLSTATES.test(e.code) || UNAVAILABLE_SOCKET_CODES.has(e.code))) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  // TypeORM wraps the driver's error in QueryFailedError.driverError.
  return e.driverError !== undefined && e.driverError !== error && isDatabaseUnavailable(e.driverError);
}

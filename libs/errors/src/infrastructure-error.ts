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

/** SQLSTATE and constraint of a database error (TypeORM's QueryFailedError carries the pg error's fields). */
export function dbErrorFields(error: unknown): { code?: string; constraint?: string } {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; constraint?: unknown; driverError?: unknown };
  const driver = (typeof e.driverError === 'object' && e.driverError !== null ? e.driverError : {}) as { code?: unknown; constraint?: unknown };
  const code = typeof e.code === 'string' ? e.code : typeof driver.code === 'string' ? driver.code : undefined;
  const constraint = typeof e.constraint === 'string' ? e.constraint : typeof driver.constraint === 'string' ? driver.constraint : undefined;
  return { ...(code ? { code } : {}), ...(constraint ? { constraint } : {}) };
}

/** A failed statement: its message and detail may quote the values of the row (hashes, balances, keys). */
function isQueryError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { driverError?: unknown; query?: unknown; severity?: unknown; routine?: unknown };
  return e.driverError !== undefined || typeof e.query === 'string' || (typeof e.severity === 'string' && typeof e.routine === 'string');
}

/**
 * What may be logged of an unexpected error: its stack, except that a database error is only
 * its name, SQLSTATE and constraint and where it was thrown (never message, detail or parameters).
 */
export function loggableError(error: unknown): string {
  if (!(error instanceof Error)) {
    if (isQueryError(error)) return `database error ${JSON.stringify(dbErrorFields(error))}`;
    const { kind, code } = (typeof error === 'object' && error !== null ? error : {}) as { kind?: unknown; code?: unknown };
    // A wire error of an inner call: its kind and code, never its message or details.
    return typeof kind === 'string' ? `wire error kind=${kind}${typeof code === 'string' ? ` code=${code}` : ''}` : typeof error;
  }
  if (!isQueryError(error)) return error.stack ?? `${error.name}: ${error.message}`;
  const { code, constraint } = dbErrorFields(error);
  const frames = (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 5).join('\n');
  return `${error.name} code=${code ?? '?'}${constraint ? ` constraint=${constraint}` : ''}${frames ? `\n${frames}` : ''}`;
}

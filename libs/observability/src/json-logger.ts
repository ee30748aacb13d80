import { ConsoleLogger, type LogLevel } from '@nestjs/common';

export const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Field names masked wherever they appear in a structured log value, in every process (gateway
 * and services alike). Defence in depth: code never logs them on purpose.
 */
export const REDACTED_LOG_FIELDS: readonly string[] = [
  // passwords and their hashes
  'password', 'old_password', 'new_password', 'passwordHash', 'password_hash',
  // tickets, one-time codes and tokens
  'ticket', 'secondary_ticket', 'reset_ticket', 'ticketHash', 'authorization', 'authenticateit_identity_ticket', 'activation_code',
  'restore_code', 'access_token', 'refresh_token', 'id_token', 'token', 'oauth_token_secret', 'client_secret', 'secret',
  // API keys
  'x-api-key', 'apiKey', 'api_key', 'key',
  // cards
  'card', 'card.number', 'cardNumber', 'card_number', 'cvc', 'cvv',
  // whole request bodies and SQL parameters
  'body', 'parameters',
];

/** The levels up to `level` (LOG_LEVEL); an unknown value means `log`. */
export function logLevelsUpTo(level: string): LogLevel[] {
  const upTo = LOG_LEVELS.indexOf(level as LogLevel);
  return LOG_LEVELS.slice(0, upTo < 0 ? 4 : upTo + 1);
}

/** JSON lines at LOG_LEVEL with REDACTED_LOG_FIELDS masked: the one logger of every process. */
export function jsonLogger(context: string, level: string, options: { flattenParams?: boolean } = {}): ConsoleLogger {
  return new ConsoleLogger(context, { json: true, logLevels: logLevelsUpTo(level), redact: [...REDACTED_LOG_FIELDS], ...options });
}

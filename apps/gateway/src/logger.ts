import { ConsoleLogger, LogLevel } from '@nestjs/common';

const ORDER: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** JSON lines; the names below are masked should they ever reach a structured log field. */
export function gatewayLogger(level: string): ConsoleLogger {
  const upTo = ORDER.indexOf(level as LogLevel);
  return new ConsoleLogger({
    json: true,
    context: 'gateway',
    logLevels: ORDER.slice(0, upTo < 0 ? 4 : upTo + 1),
    flattenParams: true,
    redact: ['password', 'ticket', 'authorization', 'authenticateit_identity_ticket', 'x-api-key', 'apiKey', 'key',
      'card', 'cardNumber', 'card_number', 'cvc', 'body'],
  });
}

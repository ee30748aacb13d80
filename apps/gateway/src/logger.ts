import type { ConsoleLogger } from '@nestjs/common';
import { jsonLogger } from '#libs/observability';

/** JSON lines at LOG_LEVEL, with the shared redaction list (libs/observability). */
export function gatewayLogger(level: string): ConsoleLogger {
  return jsonLogger('gateway', level, { flattenParams: true });
}

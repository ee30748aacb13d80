import { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

const logger = new Logger('Http');

/**
 * At LOG_LEVEL=debug, one line per answered request: request id, method, route template,
 * status and duration; the request id joins it with the services' `handled` lines. Never the
 * raw URL, headers or body (tickets, codes and passwords travel there).
 */
export function logAccess(route: string, request: FastifyRequest, reply: FastifyReply): void {
  logger.debug('Request answered', {
    requestId: request.id, method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10,
  });
}

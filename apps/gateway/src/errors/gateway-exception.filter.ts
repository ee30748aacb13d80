import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorAnswerOf } from './error-answer.js';
import { sendError } from './send-error.js';

/**
 * Nest installs fastify's error handler and not-found handler and routes both through the
 * global filters; this one makes every such answer (unknown route, malformed JSON, body too
 * large, unsupported content type, bad URL) JSON `{"error": ...}`.
 */
@Catch()
export class GatewayExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const answer = errorAnswerOf(exception);
    const requestId = request?.id ?? '';
    if (answer.isInternal) {
      this.logger.error('Unhandled error on the HTTP path', { requestId, error: describe(exception) });
    }
    if (reply.sent) return;
    sendError(reply, requestId, answer);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
}

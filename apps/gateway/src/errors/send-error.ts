import type { FastifyReply } from 'fastify';
import { type ErrorAnswer } from './error-answer.js';

export const JSON_TYPE = 'application/json; charset=utf-8';

export function sendError(reply: FastifyReply, requestId: string, answer: ErrorAnswer): FastifyReply {
  reply.code(answer.status).header('x-request-id', requestId);
  if (answer.headers) reply.headers(answer.headers);
  return reply.type(JSON_TYPE).send(JSON.stringify(answer.body));
}

import type { FastifyReply } from 'fastify';
import { isHttpReply } from '#libs/contracts';
import { isRawJson } from '#libs/transport';
import { JSON_TYPE } from '../errors/send-error.js';

function hasContentType(headers: Record<string, string>): boolean {
  for (const name in headers) if (name.toLowerCase() === 'content-type') return true;
  return false;
}

/** A handler's reply: `httpReply(status, body, headers)` as given, anything else 200 JSON (an already encoded answer as its bytes). */
export function sendResult(reply: FastifyReply, result: unknown): FastifyReply {
  if (isRawJson(result)) return reply.type(JSON_TYPE).send(result.bytes);
  if (!isHttpReply(result)) return reply.type(JSON_TYPE).send(JSON.stringify(result ?? null));
  reply.code(result.status);
  if (result.headers) reply.headers(result.headers);
  if (result.status === 204 || result.status === 304 || result.body === undefined) return reply.send();
  if (result.bodyEncoding === 'base64' && typeof result.body === 'string') return reply.send(Buffer.from(result.body, 'base64'));
  // A handler that sets its own content type (an HTML page, a redirect note) sends a string as is.
  if (typeof result.body === 'string' && result.headers && hasContentType(result.headers)) return reply.send(result.body);
  return reply.type(JSON_TYPE).send(JSON.stringify(result.body));
}

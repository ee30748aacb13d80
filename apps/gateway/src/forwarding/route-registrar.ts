import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Header, HTTP_ROUTES, type HttpRoute, type MessageHeaders, servedPaths, type SessionInfo } from '#libs/contracts';
import { RouteAuthenticator } from '../auth/route-authenticator.js';
import { errorAnswerOf } from '../errors/error-answer.js';
import { JSON_TYPE, sendError } from '../errors/send-error.js';
import { ServiceClients } from '../transport/service-clients.js';
import { requestPayload } from './request-payload.js';
import { sendResult } from './send-result.js';
import { LOCAL_SESSION_PATTERN, localSessionAnswer } from './local-session-answer.js';
import { RateLimits } from '../rate-limits/rate-limits.js';

/**
 * Registers every HTTP_ROUTES entry directly on fastify (no Nest controller, guard, pipe or
 * interceptor on the hot path): rate limit of its class → authenticate → one transport hop → answer.
 */
@Injectable()
export class RouteRegistrar implements OnModuleInit {
  private readonly logger = new Logger('Forwarding');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: RouteAuthenticator,
    private readonly clients: ServiceClients,
    private readonly limits: RateLimits,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.limits.install();
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    for (const route of HTTP_ROUTES) {
      const handler = this.handlerFor(route);
      const onRequest = this.limits.hookFor(route);
      for (const url of servedPaths(route)) fastify.route({ method: route.method, url, handler, ...(onRequest ? { onRequest } : {}) });
    }
  }

  private handlerFor(route: HttpRoute) {
    const answeredLocally = route.pattern === LOCAL_SESSION_PATTERN;
    return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const requestId = request.id;
      try {
        const caller = await this.auth.authenticate(route.auth, request.headers, requestId);
        if (answeredLocally && caller.session) {
          return reply.header('x-request-id', requestId).type(JSON_TYPE).send(localSessionAnswer(caller.session, request.headers));
        }
        const headers: MessageHeaders = { [Header.RequestId]: requestId, [Header.Caller]: 'gateway' };
        if (caller.session) headers[Header.Session] = sessionHeader(caller.session);
        if (caller.apiKey) headers[Header.ApiKey] = JSON.stringify(caller.apiKey);
        const result = await this.clients.relay(route.service, route.pattern, requestPayload(request, route), headers);
        reply.header('x-request-id', requestId);
        return sendResult(reply, result);
      } catch (error) {
        const answer = errorAnswerOf(error);
        if (answer.isInternal) {
          this.logger.error('Request failed', { requestId, route: route.row, pattern: route.pattern, error: describe(error) });
        } else if (answer.status >= 500) {
          this.logger.warn('Service did not answer', { requestId, route: route.row, pattern: route.pattern, status: answer.status });
        }
        return sendError(reply, requestId, answer);
      }
    };
  }
}

/** The Session header's JSON, per session object (TicketStore hands out the same one while the session is unchanged). */
const sessionHeaders = new WeakMap<SessionInfo, string>();
function sessionHeader(session: SessionInfo): string {
  let json = sessionHeaders.get(session);
  if (json === undefined) sessionHeaders.set(session, json = JSON.stringify(session));
  return json;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
}

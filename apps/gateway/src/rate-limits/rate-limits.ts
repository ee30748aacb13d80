import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { HttpRoute } from '#libs/contracts';
import { DomainError, ErrorKind } from '#libs/errors';
import type { RedisClient } from '#libs/redis';
import { presentedApiKey } from '../auth/credentials.js';
import { GatewayEnv } from '../config/gateway-env.js';
import { GATEWAY_REDIS } from '../redis/redis.module.js';
import { classRedisStore } from './class-redis-store.js';
import { RATE_CLASSES, type RateClass, rateClassOf, rateLimitVariable } from './route-classes.js';
import { parseRateLimit, type RateLimitSpec } from './rate-limit-spec.js';

/** The external API is limited per API key (a digest: no key rests in Redis); without one, per IP. */
function clientOf(rateClass: RateClass, request: FastifyRequest): string {
  if (rateClass === 'external-api') {
    const key = presentedApiKey(request.headers);
    if (key) return `key:${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`;
  }
  return `ip:${normalizeIP(request.ip)}`;
}

/**
 * Limits per client and route class (RATE_LIMIT_* as `<max>/<seconds>`) with @fastify/rate-limit
 * and its Redis store: counters shared by every gateway replica. Over the limit: 429 JSON
 * `{error}` with Retry-After and the RateLimit-* headers of the IETF draft. While Redis is down
 * requests pass (the ticket check then answers 503 anyway; identity keeps its own limits).
 */
@Injectable()
export class RateLimits {
  private readonly hooks = new Map<RateClass, onRequestHookHandler | undefined>();
  private installed?: Promise<void>;

  constructor(private readonly adapterHost: HttpAdapterHost, @Inject(GATEWAY_REDIS) private readonly redis: RedisClient,
    private readonly env: GatewayEnv) {}

  /** Registers the plugin (once) and builds one limiter per class; call before routes are added. */
  install(): Promise<void> {
    this.installed ??= this.register();
    return this.installed;
  }

  /** The limiter of the route's class, or none when its limit is off. */
  hookFor(route: HttpRoute): onRequestHookHandler | undefined {
    return this.hooks.get(rateClassOf(route));
  }

  /** The configured limit of every class (OpenAPI shows them). */
  specs(): Map<RateClass, RateLimitSpec> {
    return limitSpecs(this.env);
  }

  private async register(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    await fastify.register(rateLimit, {
      global: false,
      store: classRedisStore(this.redis),
      skipOnError: true,
      enableDraftSpec: true,
      errorResponseBuilder: (_request, context) => new DomainError(ErrorKind.RateLimited, 'Too many requests, try again later',
        'gateway.rate_limited', undefined, Math.max(1, Math.ceil(context.ttl / 1000))),
    });
    for (const [rateClass, spec] of this.specs()) {
      this.hooks.set(rateClass, spec.max === 0 ? undefined : fastify.rateLimit({
        max: spec.max,
        timeWindow: spec.windowSeconds * 1000,
        keyGenerator: (request) => `${rateClass}:${clientOf(rateClass, request)}`,
      }) as onRequestHookHandler);
    }
  }
}

export function limitSpecs(env: GatewayEnv): Map<RateClass, RateLimitSpec> {
  return new Map(RATE_CLASSES.map((c) => [c, parseRateLimit((env as unknown as Record<string, string>)[rateLimitVariable(c)])!]));
}

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfigOrExit } from '#libs/config';
import { boundShutdown } from '#libs/service-runtime';
import { GatewayEnv } from './config/gateway-env.js';
import { parseTrustedProxies } from './config/trusted-proxies.js';
import { errorAnswerOf } from './errors/error-answer.js';
import { GatewayExceptionFilter } from './errors/gateway-exception.filter.js';
import { sendError } from './errors/send-error.js';
import { GatewayModule } from './gateway.module.js';
import { gatewayLogger } from './logger.js';
import { mountApiDocs } from './openapi/mount-api-docs.js';
import { limitSpecs } from './rate-limits/rate-limits.js';
import { requestIdOf } from './request-id.js';

async function bootstrap(): Promise<void> {
  const env = loadConfigOrExit(GatewayEnv);
  const logger = gatewayLogger(env.LOG_LEVEL);
  const adapter = new FastifyAdapter({
    bodyLimit: env.BODY_LIMIT_BYTES,
    trustProxy: parseTrustedProxies(env.TRUSTED_PROXIES),
    requestIdHeader: false,
    genReqId: requestIdOf,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 512 },
    logger: false,
    // Router rejections (malformed URL, over-long parameter) bypass the error handler.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => { sendError(reply, request.id, errorAnswerOf(error)); },
  });
  // Only JSON and form bodies: fastify's default text/plain parser would let other types in (415).
  adapter.getInstance().removeContentTypeParser('text/plain');
  try {
    // rawBody: the JSON/form parsers keep the bytes they parsed; only routes with `rawBody` in the
    // route table hand them on (a webhook's signature is over the body exactly as sent).
    const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(env), adapter, {
      logger, abortOnError: false, rawBody: true,
    });
    app.useGlobalFilters(new GatewayExceptionFilter());
    mountApiDocs(app, limitSpecs(env));
    app.enableShutdownHooks();
    boundShutdown(logger);
    await app.listen(env.PORT, env.HOST);
    logger.log(`gateway listening on ${env.HOST}:${env.PORT}`);
  } catch (error) {
    logger.fatal(`gateway failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

void bootstrap();

import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiDocument, type LimitsByClass } from './openapi-document.js';

/** Swagger UI at `/docs` and the document at `/docs/openapi.json` (public, built on first request), with the configured edge limits. */
export function mountApiDocs(app: INestApplication, limits?: LimitsByClass): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(undefined, limits), {
    jsonDocumentUrl: 'docs/openapi.json',
    raw: ['json'],
    customSiteTitle: 'Rewards platform API',
    swaggerOptions: { docExpansion: 'list', defaultModelsExpandDepth: 0, tryItOutEnabled: false },
  });
}

import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiDocument } from './openapi-document.js';

/** Swagger UI at `/docs` and the document at `/docs/openapi.json` (public, built on first request). */
export function mountApiDocs(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(), {
    jsonDocumentUrl: 'docs/openapi.json',
    raw: ['json'],
    customSiteTitle: 'Rewards platform API',
    swaggerOptions: { docExpansion: 'list', defaultModelsExpandDepth: 0, tryItOutEnabled: false },
  });
}

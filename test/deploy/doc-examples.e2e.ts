// The OpenAPI examples are generated from the API documents vendored in docs/api: the committed
// examples.ts must be exactly what the generator makes from a clone (no path outside the repository).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../scripts/lib/apps.mjs';

describe('docs/api → apps/gateway/src/openapi/examples.ts', () => {
  it('is what scripts/extract-doc-examples.mjs generates from docs/api', () => {
    expect(() => execFileSync(process.execPath, ['scripts/extract-doc-examples.mjs', '--check'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  });

  it('input-schemas.ts is what scripts/openapi-inputs.mjs makes from the handlers\' DTO classes', () => {
    expect(() => execFileSync(process.execPath, ['scripts/openapi-inputs.mjs', '--check'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  });

  it('vendors every document ENDPOINTS.md is read with', () => {
    for (const file of ['ENDPOINTS.md', 'identity-service.txt', 'payment-certificates.txt', 'user-certificates.txt']) {
      expect(readFileSync(join(ROOT, 'docs/api', file), 'utf8').length).toBeGreaterThan(100);
    }
  });
});

// Repo-wide check of the one data-access style: an app's SQL runs in its repositories
// (`*.repository.ts`) and migrations only; services, controllers and helpers call repositories.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = process.cwd();
/** A statement run, or a TypeORM repository or query builder taken, outside a repository. */
const DATA_ACCESS = /\.query\s*[(<]|\bgetRepository\(|\bcreateQueryBuilder\(/;
/** Files that talk to Postgres for something other than data, with the reason. */
const NOT_DATA = new Map([
  ['apps/identity/src/accounts/account-cache.ts', 'LISTEN on its invalidation channel'],
]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /(?<!\.spec)\.ts$/.test(name) ? [path] : [];
  });
}

const appSources = readdirSync(join(ROOT, 'apps')).flatMap((app) => sources(join(ROOT, 'apps', app, 'src'))).map((p) => relative(ROOT, p));
const accessing = appSources.filter((path) => DATA_ACCESS.test(readFileSync(join(ROOT, path), 'utf8')));

describe('SQL lives in repositories and migrations', () => {
  it('found the repositories of every service', () => {
    const apps = new Set(accessing.filter((p) => p.endsWith('.repository.ts')).map((p) => p.split('/')[1]));
    expect([...apps].sort()).toEqual(['certificates', 'identity', 'participants-billing', 'rewards']);
  });

  it('no other app file runs a statement or takes a repository', () => {
    const outside = accessing.filter((p) => !p.endsWith('.repository.ts') && !p.includes('/migrations/') && !NOT_DATA.has(p));
    expect(outside).toEqual([]);
  });

  it('every file let off still talks to Postgres (a stale entry is removed)', () => {
    expect([...NOT_DATA.keys()].filter((p) => !accessing.includes(p))).toEqual([]);
  });
});

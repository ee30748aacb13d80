// Rewards' one data-access style, checked on the source: SQL lives in repositories (and
// migrations), every feature folder is a module, and events go out through the one shared client.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(process.cwd(), 'apps/rewards/src');
/** Outside the app's modules: migrations, the schema and DataSource set-up, the CLI entry points. */
const OUTSIDE = /^(migrations\/|database\/|data-source\.ts$|migrate\.ts$|check-ledger\.ts$|main\.ts$)/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [relative(ROOT, path)] : [];
  });
}

const sources = files(ROOT).filter((f) => !OUTSIDE.test(f));
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

describe('rewards data access', () => {
  it('runs SQL only inside repositories', () => {
    const offenders = sources.filter((f) => !f.endsWith('.repository.ts') && /\.query\s*[(<]|getRepository\(|SELECT |INSERT INTO|UPDATE rewards\.|DELETE FROM/.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it('has every repository extend SqlRepository (one way to open and join transactions)', () => {
    const repositories = sources.filter((f) => f.endsWith('.repository.ts'));
    expect(repositories.length).toBeGreaterThan(10);
    expect(repositories.filter((f) => !/class \w+Repository extends SqlRepository/.test(read(f)))).toEqual([]);
  });

  it('has a module in every feature folder with a controller or a repository', () => {
    const folders = [...new Set(sources.filter((f) => /\.(controller|repository)\.ts$/.test(f)).map((f) => f.split('/')[0]))];
    expect(folders.filter((dir) => !readdirSync(join(ROOT, dir)).some((name) => name.endsWith('.module.ts')))).toEqual([]);
  });

  it('builds event clients in one place only (RewardsEventsModule)', () => {
    expect(sources.filter((f) => /new RedisStreamsClient\(/.test(read(f)))).toEqual(['events/events.module.ts']);
  });
});

// Decides whether dist/ is missing or older than the sources, and runs `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, bundleOf, processEntries } from './apps.mjs';

const SOURCE_DIRS = ['apps', 'libs', 'test/fixtures'];
const isBuilt = (file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !/\.(spec|e2e)\.ts$/.test(file);

function* walk(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) { if (entry.name !== 'node_modules') yield* walk(path); }
    else yield path;
  }
}

/** The first source file whose compiled .js is missing or older than it (or a stale bundle), or null when dist is fresh. */
export function staleSource(root = ROOT) {
  for (const dir of SOURCE_DIRS) {
    for (const src of walk(join(root, dir))) {
      if (!isBuilt(src)) continue;
      const out = join(root, 'dist', relative(root, src)).replace(/\.ts$/, '.js');
      if (!existsSync(out) || statSync(out).mtimeMs < statSync(src).mtimeMs) return relative(root, src);
    }
  }
  // A tsc run without the bundle step leaves the bundles older than what they were made of.
  const stale = (entry) => !existsSync(bundleOf(entry)) || statSync(bundleOf(entry)).mtimeMs < statSync(entry).mtimeMs;
  const unbundled = processEntries().find(stale);
  return unbundled ? relative(root, bundleOf(unbundled)) : null;
}

/** Builds when needed; returns false when the build failed. */
export function buildIfStale(log) {
  const stale = staleSource();
  if (!stale) return true;
  log(`dist/ is missing or older than ${stale}: running npm run build`);
  const result = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
  return result.status === 0;
}

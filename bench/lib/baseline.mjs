// The code path a bench compares against: the same apps built from an earlier commit, so that
// every ratio is measured in one run, on one machine, under the same load.
//   BASELINE_REF (default below: the commit before the issue-13 speed work on certificates and
//   rewards) chooses the commit; BASELINE=0 skips the baseline. The build is cached per commit
//   in the temp directory (like the benches' throwaway databases), never inside the repository.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const DEFAULT_BASELINE_REF = '24710c02f76c940981053be52072a8dffe5b70e8';

export function baselineWanted() {
  return process.env.BASELINE !== '0';
}

/** Directory holding `dist/` of the baseline commit (built once per commit). */
export function ensureBaselineBuild(ref = process.env.BASELINE_REF ?? DEFAULT_BASELINE_REF) {
  const repo = resolve('.');
  const sha = execFileSync('git', ['rev-parse', `${ref}^{commit}`], { cwd: repo, encoding: 'utf8' }).trim();
  const dir = join(tmpdir(), `rewards-bench-baseline-${sha.slice(0, 12)}`);
  if (existsSync(join(dir, 'dist', '.complete'))) return { dir, sha };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  console.log(`building the baseline ${sha.slice(0, 12)} in ${dir} ...`);
  const archive = spawnSync('sh', ['-c', `git archive ${sha} | tar -x -C '${dir}'`], { cwd: repo, stdio: 'inherit' });
  if (archive.status !== 0) throw new Error('git archive of the baseline failed');
  linkOrInstallModules(repo, dir);
  const build = spawnSync(process.execPath, [join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building the baseline failed');
  execFileSync('touch', [join(dir, 'dist', '.complete')]);
  return { dir, sha };
}

/** The baseline's own dependencies: ours when its lock file is ours, else installed from its lock file. */
function linkOrInstallModules(repo, dir) {
  const sameLock = readFileSync(join(repo, 'package-lock.json'), 'utf8') === readFileSync(join(dir, 'package-lock.json'), 'utf8');
  if (sameLock) return symlinkSync(realpathSync(join(repo, 'node_modules')), join(dir, 'node_modules'));
  console.log('the baseline has other dependencies: npm ci in its directory ...');
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir, stdio: 'inherit' });
  if (install.status !== 0) throw new Error('installing the baseline\'s dependencies failed');
}

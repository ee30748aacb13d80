// `npm start` for real: embedded PostgreSQL, redis-server and every built app, supervised;
// one SIGINT stops the whole tree and exits 0.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APPS, ROOT, distMain } from '../../scripts/lib/apps.mjs';
import { descendantsOf, freePort, isAlive } from './processes.js';

function collect(child: ChildProcess): { text: () => string } {
  let out = '';
  child.stdout!.on('data', (d) => { out += String(d); });
  child.stderr!.on('data', (d) => { out += String(d); });
  return { text: () => out };
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined | null | Promise<T | undefined | null>, output: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${what} after ${timeoutMs} ms. Output:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function answers200(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
  });
}

describe('npm start', () => {
  let child: ChildProcess | undefined;
  const tempDirs: string[] = [];
  const tempDir = (prefix: string) => { const dir = mkdtempSync(join(tmpdir(), prefix)); tempDirs.push(dir); return dir; };
  afterAll(() => { for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true }); });
  afterEach(() => {
    // Only when the test failed half-way: leave nothing running.
    if (child?.pid && child.exitCode === null) {
      for (const pid of [child.pid, ...descendantsOf(child.pid)]) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
    }
  });

  it.each([
    ['SIGINT sent to npm', false],
    ['Ctrl-C (SIGINT to the whole foreground process group)', true],
  ])('runs the whole system, answers on the gateway, and stops everything on %s with exit code 0', async (_how, toGroup) => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env, PORT: String(port), START_DATA_DIR: tempDir('npm-start-'),
      START_SKIP_BUILD: '1', NO_COLOR: '1',
    };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    delete env.HEALTH_PORT;
    child = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: toGroup });
    const output = collect(child);

    // 'Ctrl-C stops everything' is the last line of the start banner: the lines before it may arrive in an earlier chunk.
    await waitFor('start banner', 90_000, () => /Ctrl-C stops everything/.test(output.text()) || null, output.text);
    const url = output.text().match(/gateway ready: (http:\/\/\S+)/)?.[1];
    expect(url).toBe(`http://localhost:${port}`);
    // ADMIN_PASSWORD unset here: the built-in default is shown (an operator-set one never is: test/repo/admin-login-line.spec.ts).
    expect(output.text()).toMatch(/admin login: \S+@\S+ \/ change-me-now  \(the built-in default/);
    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(200);

    const started = APPS.filter((app) => existsSync(distMain(app)));
    const healthPorts = Object.fromEntries([...output.text().matchAll(/\b([a-z-]+)=(\d+)\b/g)].map((m) => [m[1], m[2]]));
    for (const app of started) {
      const healthUrl = `http://127.0.0.1:${healthPorts[app]}/health/ready`;
      await waitFor(`${app} ready at ${healthUrl}`, 60_000, () => answers200(healthUrl), output.text);
    }
    const tree = descendantsOf(child.pid!);
    expect(tree.length).toBeGreaterThan(started.length + 2); // apps + redis + postgres (+ its workers)

    if (toGroup) process.kill(-child.pid!, 'SIGINT');
    else child.kill('SIGINT');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exitOf(child), new Promise((r) => { timer = setTimeout(() => r('still running after 40 s'), 40_000); })]);
    clearTimeout(timer);
    expect(code).toBe(0);
    await waitFor('exit of every child', 5_000, () => tree.every((pid) => !isAlive(pid)) || null,
      () => `still alive: ${tree.filter(isAlive).join(', ')}\n${output.text()}`);

    const text = output.text();
    for (const name of [...started, 'postgres', 'redis', 'start']) expect(text).toMatch(new RegExp(`^${name}\\s+\\| \\S`, 'm'));
    expect(text).toMatch(/^start\s+\| stopped$/m);
  }, 180_000);

  it('without redis-server and REDIS_URL, as non-root, prints how to install it and exits 1', () => {
    const bin = tempDir('no-redis-bin-');
    symlinkSync('/bin/sh', join(bin, 'sh'));
    const result = spawnSync(process.execPath, ['scripts/start.mjs'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      env: { PATH: bin, HOME: process.env.HOME, START_ASSUME_NON_ROOT: '1', START_DATA_DIR: tempDir('npm-start-') },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('sudo apt-get update && sudo apt-get install -y redis-server');
    expect(result.stderr).toContain('brew install redis');
    expect(result.stderr).toContain('REDIS_URL=redis://');
    expect(result.stdout).not.toContain('starting embedded PostgreSQL');
  });
});

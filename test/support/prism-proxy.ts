// Stoplight Prism's validating proxy (`prism proxy`) in front of a running gateway, for a cross-check
// of openapi-answers.ts by hand: opt-in with PRISM_CLI=<path of @stoplight/prism-cli's dist/index.js>
// (installed outside the project; no test depends on it).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './processes.js';

export interface PrismProxy { baseUrl: string; output(): string; stop(): Promise<void> }

export async function startPrismProxy(cli: string, document: object, upstream: string): Promise<PrismProxy> {
  const file = join(mkdtempSync(join(tmpdir(), 'prism-')), 'openapi.json');
  writeFileSync(file, JSON.stringify(document));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [cli, 'proxy', file, upstream, '--host', '127.0.0.1', '--port', String(port), '--errors', 'false'],
    { env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => { out += String(d); });
  child.stderr!.on('data', (d) => { out += String(d); });
  const deadline = Date.now() + 60_000;
  while (!/listening on/i.test(out)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`prism proxy did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => out,
    stop: () => new Promise<void>((resolve) => { if (child.exitCode !== null) resolve(); else { child.once('exit', () => resolve()); child.kill('SIGTERM'); } }),
  };
}

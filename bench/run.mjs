// `npm run bench`: every benchmark, one after the other (they share this machine's cores), then
// one table of what each measured against its baseline in the same run, written as JSON to
// bench/results/all-<time>.json. Each bench prints `BENCH_RESULT {...}` (lib/report.mjs).
//   npm run bench [-- --only gateway-read,rewards] [-- --quick]
// --quick: shorter runs and smaller data sets (a smoke run; absolute numbers are not comparable).
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printTable } from './lib/report.mjs';

const quick = process.argv.includes('--quick');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? new Set(process.argv[onlyAt + 1].split(',')) : undefined;

/** name → arguments (full run, quick run). */
const BENCHES = [
  ['boot', [], ['--rounds', '2']],
  ['transport-cpu', [], ['--requests', '5000']],
  ['sealing', [], ['--iterations', '50000']],
  ['gateway-read', ['--duration', '10'], ['--duration', '3']],
  ['signin', [], []],
  ['certificates', [], []],
  ['deposit', [], []],
  ['rewards', [], []],
  ['push', [], []],
  ['users-search', [], ['--users', '100000', '--runs', '2']],
];

function runBench(name, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`bench/${name}.mjs`, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let result;
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) if (line.startsWith('BENCH_RESULT ')) result = JSON.parse(line.slice('BENCH_RESULT '.length));
    });
    child.on('close', (code) => resolve({ name, code, result }));
  });
}

const runs = [];
for (const [name, full, short] of BENCHES) {
  if (only && !only.has(name)) continue;
  console.log(`\n=== ${name}`);
  runs.push(await runBench(name, quick ? short : full));
}

const rows = runs.flatMap((r) => (r.result?.rows ?? [{ what: `${r.name}: no result (exit ${r.code})`, ours: null, baseline: null, unit: '', ratio: null, target: null, met: false }])
  .map((row) => ({ bench: r.name, ...row })));
console.log(`\n=== all benchmarks${quick ? ' (quick)' : ''}`);
printTable(rows.map((r) => ({ ...r, what: `${r.bench}: ${r.what}` })));
const at = new Date().toISOString();
mkdirSync('bench/results', { recursive: true });
const file = join('bench/results', `all-${at.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify({ at, quick, benches: runs.map((r) => ({ name: r.name, exit: r.code, ...r.result })) }, null, 2));
console.log(`written to ${file}`);
process.exitCode = runs.every((r) => r.code === 0 && r.result) ? 0 : 1;

// Result rows of a bench: what, ours, baseline (same run), ratio, target, met. Printed as a table
// and as one JSON line (`BENCH_RESULT {...}`) that a runner can collect; written to
// bench/results/<bench>-<time>.json when BENCH_RESULTS_DIR is set (or --results).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const round2 = (x) => Math.round(x * 100) / 100;

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * `better`: 'lower' (times) or 'higher' (rates). ratio = ours / baseline; `target` is checked
 * against `ours` ({ max } or { min }) or against the ratio ({ ratioMin }).
 */
export function row(what, ours, baseline, unit, better, target) {
  const ratio = baseline ? round2(ours / baseline) : null;
  const met = target ? ('ratioMin' in target ? ratio !== null && ratio >= target.ratioMin : 'max' in target ? ours <= target.max : ours >= target.min) : null;
  return { what, ours: round2(ours), baseline: baseline === undefined ? null : round2(baseline), unit, ratio, better, target: target ?? null, met };
}

function targetText(r) {
  if (!r.target) return '-';
  if ('ratioMin' in r.target) return `ratio ≥ ${r.target.ratioMin}`;
  return `${'max' in r.target ? '≤' : '≥'} ${r.target.max ?? r.target.min} ${r.unit}`;
}

/** The rows as an aligned text table (a Markdown table, so README can show the output as is). */
export function printTable(rows) {
  const text = (v) => (v === null || v === undefined ? '-' : String(v));
  const table = rows.map((r) => [r.what, `${text(r.ours)} ${r.unit}`, `${text(r.baseline)} ${r.unit}`, text(r.ratio),
    targetText(r), r.met === null ? '-' : r.met ? 'met' : 'NOT met']);
  const head = ['what', 'ours', 'baseline', 'ours/baseline', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${line(head)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${table.map(line).join('\n')}\n`);
}

export function printReport(bench, rows, extra = {}) {
  printTable(rows);
  const result = { bench, at: new Date().toISOString(), rows, ...extra };
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
  const dir = process.env.BENCH_RESULTS_DIR ?? (process.argv.includes('--results') ? 'bench/results' : undefined);
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${bench}-${result.at.replace(/[:.]/g, '-')}.json`), JSON.stringify(result, null, 2));
  }
  return result;
}

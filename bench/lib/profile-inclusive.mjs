// Inclusive time (the function and everything it called) of the heaviest functions of a V8 .cpuprofile:
//   node bench/lib/profile-inclusive.mjs <file.cpuprofile> [top=40] [filter regexp on "name file"]
import { readFileSync } from 'node:fs';

const [file, topArg, filter] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
const inclusive = new Map();
let busy = 0;
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i] ?? 0;
  if (byId.get(id).callFrame.functionName === '(idle)') return;
  busy += us;
  const seen = new Set();
  for (let n = id; n !== undefined; n = parent.get(n)) {
    const key = label(byId.get(n));
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
});
const re = filter ? new RegExp(filter) : null;
console.log(`busy ${(busy / 1000).toFixed(0)} ms`);
for (const [key, us] of [...inclusive].filter(([k]) => !re || re.test(k)).sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 40))) {
  console.log(`${(us / 1000).toFixed(1).padStart(9)} ms ${(100 * us / busy).toFixed(1).padStart(5)} %  ${key}`);
}

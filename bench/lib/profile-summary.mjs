// Prints the heaviest functions of a V8 .cpuprofile by self time (and their share of the busy time):
//   node bench/lib/profile-summary.mjs <file.cpuprofile> [top=25] [fromSeconds] [toSeconds]
// Without a window it first prints busy ms per second of the profile, to find the phases.
import { readFileSync } from 'node:fs';

const [file, topArg, fromArg, toArg] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
const from = fromArg === undefined ? -Infinity : Number(fromArg) * 1e6;
const to = toArg === undefined ? Infinity : Number(toArg) * 1e6;
const perSecond = [];
let t = 0;
for (let i = 0; i < profile.samples.length; i++) {
  t += dt[i] ?? 0;
  if (t < from || t >= to) continue;
  const node = byId.get(profile.samples[i]);
  self.set(node.id, (self.get(node.id) ?? 0) + (dt[i] ?? 0));
  const s = Math.floor(t / 1e6);
  if (node.callFrame.functionName !== '(idle)') perSecond[s] = (perSecond[s] ?? 0) + (dt[i] ?? 0);
}
if (fromArg === undefined) console.log(`busy ms per second: ${[...perSecond].map((x, s) => `${s}:${Math.round((x ?? 0) / 1000)}`).join(' ')}`);
const total = [...self.values()].reduce((a, b) => a + b, 0);
const grouped = new Map();
for (const [id, us] of self) {
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}`;
  grouped.set(key, (grouped.get(key) ?? 0) + us);
}
const idle = [...grouped].filter(([k]) => k.startsWith('(idle)')).reduce((a, [, v]) => a + v, 0);
console.log(`total ${(total / 1000).toFixed(0)} ms, busy ${((total - idle) / 1000).toFixed(0)} ms`);
for (const [key, us] of [...grouped].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 25))) {
  console.log(`${(us / 1000).toFixed(1).padStart(9)} ms ${(100 * us / (total - idle)).toFixed(1).padStart(5)} %  ${key}`);
}

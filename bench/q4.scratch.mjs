import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
const { treeCpuMs, postmasterPid } = await import('./lib/cpu.mjs');
const url = 'postgres://postgres:postgres@127.0.0.1:43685/bench';
const pm = Number(execFileSync('psql', [url, '-Atc', 'SELECT pg_postmaster_start_time()']) && execFileSync('sh', ['-c', "ps -o pid= -C postgres --sort=start_time | head -0; pgrep -o -f 'postgres -D .*exp-cert'"]).toString().trim());
console.log('postmaster', pm);
const res = {};
for (let k = 0; k < 8; k++) {
  const run = `c${k}${Date.now()}`;
  writeFileSync('/tmp/perf-cr/rows.csv', Array.from({ length: 10_000 }, (_, i) => `urn:authenticateit:participant:8,B-${run}-${i},${i % 3 !== 0},${i}`).join('\n'));
  const variants = {
    copy: `\\copy certificates.payment_certificates (participant_id, code, is_active, value) FROM '/tmp/perf-cr/rows.csv' WITH (FORMAT csv)`,
    insert: `INSERT INTO certificates.payment_certificates (participant_id, code, is_active, value) SELECT 'urn:authenticateit:participant:9', 'B-${run}-' || g, g % 3 <> 0, g FROM generate_series(1, 10000) g`,
    empty: `SELECT 1`,
  };
  for (const [name, cmd] of Object.entries(variants)) {
    const before = treeCpuMs(pm);
    execFileSync('psql', [url, '-q', '-c', cmd]);
    (res[name] ??= []).push(treeCpuMs(pm) - before);
  }
}
for (const [k, v] of Object.entries(res)) console.log(k, 'pg cpu ms mean', (v.reduce((a, b) => a + b, 0) / v.length).toFixed(1));

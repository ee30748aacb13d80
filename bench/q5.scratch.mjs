import pg from 'pg';
import { finished } from 'node:stream/promises';
import copyStreams from 'pg-copy-streams';
const c = new pg.Client({ connectionString: process.env.URL ?? 'postgres://postgres:postgres@127.0.0.1:43685/bench' });
await c.connect();
const { treeCpuMs } = await import('./lib/cpu.mjs');
const pid = (await c.query('SELECT pg_backend_pid() AS p')).rows[0].p;
const T = 'certificates.payment_certificates';
const res = {};
const cpu = async (name, f) => { const b = treeCpuMs(pid); const t = performance.now(); const r = await f(); (res[name] ??= []).push([treeCpuMs(pid) - b, performance.now() - t]); return r; };
for (let k = 0; k < 8; k++) {
  const run = `q5${k}${Date.now()}`;
  const items = Array.from({ length: 10_000 }, (_, i) => ({ code: `B-${run}-${i}`, value: i, is_active: i % 3 !== 0 }));
  const ids = (await cpu('nextval', () => c.query(`SELECT array(SELECT nextval(pg_get_serial_sequence('${T}', 'id')) FROM generate_series(1, $1::int)) AS ids`, [10_000]))).rows[0].ids;
  const text = items.map((it, i) => `${ids[i]}\turn:authenticateit:participant:11\t${it.code}\t${it.is_active ? 't' : 'f'}\t${it.value}\n`).join('');
  await cpu('copy', async () => { const s = c.query(copyStreams.from(`COPY ${T} (id, participant_id, code, is_active, value) FROM STDIN`)); s.end(text); await finished(s); });
  const items2 = items.map((i) => ({ ...i, code: i.code + 'x' }));
  await cpu('insert', () => c.query(`INSERT INTO ${T} (participant_id, code, is_active, value) SELECT $1, u.code, u.is_active, u.value FROM unnest($2::text[], $3::boolean[], $4::integer[]) AS u(code, is_active, value) RETURNING id, code, is_active, value`, ['urn:authenticateit:participant:12', items2.map((i) => i.code), items2.map((i) => i.is_active), items2.map((i) => i.value)]));
}
for (const [k, v] of Object.entries(res)) console.log(k.padEnd(8), 'pg cpu ms mean', (v.reduce((a, b) => a + b[0], 0) / v.length).toFixed(1), ' wall ms median', v.map((x) => x[1]).sort((a, b) => a - b)[4].toFixed(1));
await c.end();

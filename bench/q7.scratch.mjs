import pg from 'pg';
const c = new pg.Client({ connectionString: 'postgres://postgres:postgres@127.0.0.1:43685/bench' });
await c.connect();
const { treeCpuMs } = await import('./lib/cpu.mjs');
const pid = (await c.query('SELECT pg_backend_pid() AS p')).rows[0].p;
const seq = (await c.query(`SELECT pg_get_serial_sequence('certificates.payment_certificates', 'id') AS s`)).rows[0].s;
console.log(seq);
const V = {
  perrow: `SELECT array(SELECT nextval(pg_get_serial_sequence('certificates.payment_certificates', 'id')) FROM generate_series(1, 10000)) AS ids`,
  literal: `SELECT array(SELECT nextval('${seq}'::regclass) FROM generate_series(1, 10000)) AS ids`,
};
const res = {};
for (let k = 0; k < 8; k++) for (const [n, q] of Object.entries(V)) { const b = treeCpuMs(pid); await c.query(q); (res[n] ??= []).push(treeCpuMs(pid) - b); }
for (const [k, v] of Object.entries(res)) console.log(k, (v.reduce((a, b) => a + b, 0) / v.length).toFixed(1));
await c.end();

import pg from 'pg';
const c = new pg.Client({ connectionString: 'postgres://postgres:postgres@127.0.0.1:43685/bench' });
await c.connect();
const { USER_CERTIFICATE_SELECT } = await import('/work/wt/perf-cr/dist/apps/certificates/src/user-certificates/user-certificate-row.js');
const user = (await c.query('SELECT user_id FROM certificates.user_certificates GROUP BY 1 ORDER BY count(*) DESC LIMIT 1')).rows[0].user_id;
const sql = `${USER_CERTIFICATE_SELECT} WHERE c.user_id = $1 ORDER BY c.created_at DESC, c.id DESC`;
const ex = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, [user]);
console.log(ex.rows.map((r) => r['QUERY PLAN']).join('\n'));
for (let k = 0; k < 3; k++) {
  let t = performance.now();
  const r = await c.query(sql, [user]);
  const q = performance.now() - t;
  t = performance.now(); const s = JSON.stringify(r.rows); const st = performance.now() - t;
  t = performance.now(); JSON.parse(s); const pt = performance.now() - t;
  t = performance.now(); const r2 = await c.query({ text: `SELECT c.id, x.doc::text AS doc FROM (${sql}) x JOIN certificates.user_certificates c ON c.id = x.id`, values: [user] }); const q2 = performance.now() - t;
  console.log({ queryMs: q, stringifyMs: st, parseMs: pt, bytes: s.length, textQueryMs: q2 });
}
await c.end();

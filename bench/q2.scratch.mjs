import pg from 'pg';
const c = new pg.Client({ connectionString: 'postgres://postgres:postgres@127.0.0.1:43685/bench' });
await c.connect();
const T = 'certificates.payment_certificates';
for (let k = 0; k < 3; k++) {
  const run = `x${Date.now()}`;
  const items = Array.from({ length: 10_000 }, (_, i) => ({ code: `B-${run}-${i}`, value: i, is_active: i % 3 !== 0 }));
  const participant = 'urn:authenticateit:participant:5';
  await c.query('BEGIN');
  let t = performance.now();
  const ex1 = await c.query(`EXPLAIN (ANALYZE, BUFFERS) SELECT code FROM ${T} WHERE participant_id = $1 AND code = ANY($2::text[]) AND NOT (id = ANY($3::bigint[]))`, [participant, items.map((i) => i.code), []]);
  const t1 = performance.now() - t;
  t = performance.now();
  const ex2 = await c.query(`EXPLAIN (ANALYZE, BUFFERS, WAL) INSERT INTO ${T} (participant_id, code, is_active, value)
       SELECT $1, u.code, u.is_active, u.value FROM unnest($2::text[], $3::boolean[], $4::integer[]) AS u(code, is_active, value)
       RETURNING id, code, is_active, value`, [participant, items.map((i) => i.code), items.map((i) => i.is_active), items.map((i) => i.value)]);
  const t2 = performance.now() - t;
  await c.query('COMMIT');
  if (k === 2) { console.log(ex1.rows.map((r) => r['QUERY PLAN']).join('\n')); console.log(ex2.rows.map((r) => r['QUERY PLAN']).join('\n')); }
  t = performance.now();
  const r = await c.query(`INSERT INTO ${T} (participant_id, code, is_active, value)
       SELECT $1, u.code, u.is_active, u.value FROM unnest($2::text[], $3::boolean[], $4::integer[]) AS u(code, is_active, value)
       RETURNING id, code, is_active, value`, ['urn:authenticateit:participant:6', items.map((i) => i.code), items.map((i) => i.is_active), items.map((i) => i.value)]);
  const t3 = performance.now() - t;
  console.log({ takenMs: t1, insertExplainMs: t2, bareInsertReturningMs: t3 });
}
await c.end();

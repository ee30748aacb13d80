import pg from 'pg';
const c = new pg.Client({ connectionString: 'postgres://postgres:postgres@127.0.0.1:43685/bench' });
await c.connect();
const T = 'certificates.payment_certificates';
const V = {
  A: `INSERT INTO ${T} (participant_id, code, is_active, value) SELECT $1, u.code, u.is_active, u.value FROM unnest($2::text[], $3::boolean[], $4::integer[]) AS u(code, is_active, value) RETURNING id, code, is_active, value`,
  B: `WITH u AS (SELECT * FROM unnest($2::text[], $3::boolean[], $4::integer[]) WITH ORDINALITY AS u(code, is_active, value, ord)),
       ins AS (INSERT INTO ${T} (participant_id, code, is_active, value) SELECT $1, u.code, u.is_active, u.value FROM u RETURNING id, code)
       SELECT array_agg(ins.id ORDER BY u.ord) AS ids FROM ins JOIN u USING (code)`,
  C: `INSERT INTO ${T} (participant_id, code, is_active, value) SELECT $1, u.code, u.is_active, u.value FROM unnest($2::text[], $3::boolean[], $4::integer[]) AS u(code, is_active, value) RETURNING id`,
  D: `WITH ins AS (INSERT INTO ${T} (participant_id, code, is_active, value) SELECT $1, u.code, u.is_active, u.value FROM unnest($2::text[], $3::boolean[], $4::integer[]) AS u(code, is_active, value) RETURNING id) SELECT array_agg(id) FROM ins`,
  N: `INSERT INTO ${T} (participant_id, code, is_active, value) SELECT $1, u.code, u.is_active, u.value FROM unnest($2::text[], $3::boolean[], $4::integer[]) AS u(code, is_active, value)`,
};
const { treeCpuMs } = await import('./lib/cpu.mjs');
const pid = (await c.query('SELECT pg_backend_pid() AS p')).rows[0].p;
const res = {};
for (let k = 0; k < 10; k++) {
  for (const [name, sql] of Object.entries(V)) {
    const run = `${name}${k}${Date.now()}`;
    const items = Array.from({ length: 10_000 }, (_, i) => ({ code: `B-${run}-${i}`, value: i, is_active: i % 3 !== 0 }));
    const before = treeCpuMs(pid);
    await c.query(sql, ['urn:authenticateit:participant:7', items.map((i) => i.code), items.map((i) => i.is_active), items.map((i) => i.value)]);
    const ms = treeCpuMs(pid) - before;
    (res[name] ??= []).push(ms);
  }
}
for (const [k, v] of Object.entries(res)) console.log(k, 'cpu ms mean', (v.reduce((a, b) => a + b, 0) / v.length).toFixed(1), 'median', v.sort((a, b) => a - b)[5].toFixed(1));
await c.end();

import pg from 'pg';
const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
await db.connect();
const src = (await import('node:fs')).readFileSync('/work/wt/perf-cr/dist/apps/rewards/src/levels/month-end.js', 'utf8');
const Q1 = src.slice(src.indexOf('const BATCH_STATS = `') + 21, src.indexOf('`;', src.indexOf('const BATCH_STATS')));
const W = src.slice(src.indexOf('const WRITE_LEVELS = `') + 22, src.indexOf('`;', src.indexOf('const WRITE_LEVELS')));
const now = new Date();
let cursor = 'urn:authenticateit:user:email:m0500000';
for (let i = 0; i < 4; i++) {
  let t = performance.now();
  const rows = (await db.query(Q1, [cursor, now, 5000])).rows;
  const q = performance.now() - t;
  t = performance.now();
  const lsn0 = (await db.query('SELECT pg_current_wal_lsn() AS l')).rows[0].l;
  await db.query(W, [rows.map((r) => r.user_id), rows.map((r) => (r.unique_scans > 10 ? 'silver' : 'basic')), rows.map((r) => r.period), now]);
  const u = performance.now() - t;
  const wal = (await db.query('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1) AS d', [lsn0])).rows[0].d;
  console.log({ statsMs: q.toFixed(0), updateMs: u.toFixed(0), walBytes: wal });
  cursor = rows.at(-1).user_id;
}
console.log((await db.query("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname='users'")).rows);
await db.end();

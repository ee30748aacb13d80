import pg from 'pg';
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 6 });
const src = (await import('node:fs')).readFileSync('/work/wt/perf-cr/dist/apps/rewards/src/levels/month-end.js', 'utf8');
const Q1 = src.slice(src.indexOf('const BATCH_STATS = `') + 21, src.indexOf('`;', src.indexOf('const BATCH_STATS')));
const W = src.slice(src.indexOf('const WRITE_LEVELS = `') + 22, src.indexOf('`;', src.indexOf('const WRITE_LEVELS')));
const QR = Q1.replace('WHERE user_id > $1 AND', 'WHERE user_id > $1 AND user_id <= $4 AND');
const now = new Date();
const id = (n) => `urn:authenticateit:user:email:m${String(n).padStart(7, '0')}@bench.test`;
async function run(from, to, parallel, batch = 5000) {
  const t = performance.now();
  let cursor = id(from);
  const end = id(to);
  let examined = 0;
  const next = async () => {
    if (cursor >= end) return undefined;
    const lo = cursor;
    const r = await pool.query('SELECT user_id FROM rewards.users WHERE user_id > $1 ORDER BY user_id OFFSET $2 LIMIT 1', [lo, batch - 1]);
    let hi = r.rows[0]?.user_id ?? end;
    if (hi > end) hi = end;
    cursor = hi;
    return [lo, hi];
  };
  let chain = Promise.resolve();
  const claim = () => { const p = chain.then(next); chain = p.then(() => {}); return p; };
  await Promise.all(Array.from({ length: parallel }, async () => {
    for (let range = await claim(); range; range = await claim()) {
      const rows = (await pool.query(QR, [range[0], now, batch, range[1]])).rows;
      await pool.query(W, [rows.map((r) => r.user_id), rows.map((r) => (r.unique_scans > 10 ? 'silver' : 'basic')), rows.map((r) => r.period), now]);
      examined += rows.length;
    }
  }));
  return { parallel, examined, ms: Math.round(performance.now() - t) };
}
console.log(await run(600000, 650000, 1));
console.log(await run(650000, 700000, 2));
console.log(await run(700000, 750000, 3));
console.log(await run(750000, 800000, 1));
console.log(await run(800000, 850000, 2));
console.log(await run(850000, 900000, 3));
await pool.end();

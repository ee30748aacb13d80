import pg from 'pg';
const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
await db.connect();
const Q2 = `
  WITH b AS (
    SELECT user_id, level, timezone_min,
           date_trunc('month', ($2::timestamptz AT TIME ZONE 'UTC') + make_interval(mins => timezone_min)) AS month_local
    FROM rewards.users
    WHERE user_id > $1 AND deleted_at IS NULL
      AND (level_period IS NULL OR level_period <> to_char(($2::timestamptz + make_interval(mins => timezone_min)) AT TIME ZONE 'UTC', 'YYYY-MM'))
    ORDER BY user_id LIMIT $3
  ), w AS MATERIALIZED (
    SELECT b.*, to_char(b.month_local, 'YYYY-MM') AS period,
           ((b.month_local - interval '1 month') - make_interval(mins => b.timezone_min)) AT TIME ZONE 'UTC' AS w_from,
           (b.month_local - make_interval(mins => b.timezone_min)) AT TIME ZONE 'UTC' AS w_to,
           extract(day FROM b.month_local - interval '1 day')::int AS days_in_month
    FROM b
  ), r AS (SELECT min(user_id) AS lo, max(user_id) AS hi, min(w_from) AS f, max(w_to) AS t FROM w),
  sc AS (
    SELECT s.user_id, count(DISTINCT s.code)::int AS unique_scans,
           count(DISTINCT ((s.event_ts + make_interval(mins => w.timezone_min)) AT TIME ZONE 'UTC')::date)::int AS active_days
    FROM r, rewards.scans s JOIN w ON w.user_id = s.user_id
    WHERE s.user_id >= r.lo AND s.user_id <= r.hi AND s.event_ts >= r.f AND s.event_ts < r.t AND s.event_ts >= w.w_from AND s.event_ts < w.w_to
    GROUP BY s.user_id
  ), rv AS (
    SELECT c.user_id, count(*)::int AS n FROM r, rewards.contributions c JOIN w ON w.user_id = c.user_id
    WHERE c.user_id >= r.lo AND c.user_id <= r.hi AND c.kind = 'review' AND c.status = 'accepted' AND c.ts >= w.w_from AND c.ts < w.w_to
    GROUP BY c.user_id
  ), bd AS (
    SELECT x.user_id, count(*)::int AS n FROM r, rewards.buddies x WHERE x.user_id >= r.lo AND x.user_id <= r.hi GROUP BY x.user_id
  )
  SELECT w.user_id, w.level, w.period, w.days_in_month,
         coalesce(sc.unique_scans, 0) AS unique_scans, coalesce(sc.active_days, 0) AS active_days,
         coalesce(rv.n, 0) AS reviews, coalesce(bd.n, 0) AS buddies
  FROM w LEFT JOIN sc USING (user_id) LEFT JOIN rv USING (user_id) LEFT JOIN bd USING (user_id)
  ORDER BY w.user_id`;
const src = (await import('node:fs')).readFileSync('/work/wt/perf-cr/dist/apps/rewards/src/levels/month-end.js', 'utf8');
const Q1 = src.slice(src.indexOf('const BATCH_STATS = `') + 21, src.indexOf('`;', src.indexOf('const BATCH_STATS')));
const now = new Date();
for (const [name, q] of [['Q1', Q1], ['Q2', Q2], ['Q1', Q1], ['Q2', Q2]]) {
  const t = performance.now();
  const r = await db.query(q, ['urn:authenticateit:user:email:m0300000', now, 5000]);
  console.log(name, (performance.now() - t).toFixed(0), 'ms', r.rows.length, JSON.stringify(r.rows[7]));
}
if (process.env.EXPLAIN) console.log((await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${Q2}`, ['urn:authenticateit:user:email:m0300000', now, 5000])).rows.map((x) => x['QUERY PLAN']).join('\n'));
await db.end();

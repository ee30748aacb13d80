import pg from 'pg';
const url = process.env.DATABASE_URL;
const db = new pg.Client({ connectionString: url });
await db.connect();
const dir = process.env.DIST ?? '/work/wt/perf-cr';
const { rewardsDataSource } = await import(`${dir}/dist/apps/rewards/src/database/database.module.js`);
const { recomputeMonthEnd } = await import(`${dir}/dist/apps/rewards/src/levels/month-end.js`);
if (process.env.RESET) {
  const t = Date.now();
  await db.query("UPDATE rewards.users SET level = 'basic', previous_level = NULL, level_period = NULL, level_changed_at = NULL");
  await db.query('VACUUM ANALYZE rewards.users');
  console.log(`reset in ${(Date.now() - t) / 1000} s`);
}
const ds = rewardsDataSource(url, 4);
await ds.initialize();
const levels = (await ds.query('SELECT definition FROM rewards.level_definitions ORDER BY position')).map((r) => r.definition);
if (process.env.EXPLAIN) {
  const src = (await import('node:fs')).readFileSync(`${dir}/dist/apps/rewards/src/levels/month-end.js`, 'utf8');
  const sql = src.slice(src.indexOf('const BATCH_STATS = `') + 21, src.indexOf('`;', src.indexOf('const BATCH_STATS')));
  const r = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, ['', new Date(), 5000]);
  console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
} else {
  const t1 = Date.now();
  const summary = await recomputeMonthEnd(ds, levels, new Date());
  console.log(`month-end ${JSON.stringify(summary)} in ${(Date.now() - t1) / 1000} s`);
}
await ds.destroy();
await db.end();

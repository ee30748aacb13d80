// Bench of the rewards service (`npm run build` first; `node bench/rewards.mjs`).
// (a) Sustained scan ingestion through the Redis Streams transport into the real rewards process
//     (claims, ledger entries, timeline written), then a ledger check: ledger rows = accepted scans.
// (b) Month-end level recomputation for USERS users (default 1,000,000) seeded with generate_series,
//     running the job body (recomputeMonthEnd from dist) in batches.
// Env: SCAN_SECONDS (20), IN_FLIGHT (256), USERS (1000000), SKIP_SCANS=1, SKIP_MONTH_END=1,
//      DB_POOL_SIZE (rewards process pool, 20), CPU_PROF=1 (writes a .cpuprofile of rewards to bench/).
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { firstValueFrom } from 'rxjs';
import pg from 'pg';
import { RedisStreamsClient } from '#libs/transport';
import { startInfra, startProcess } from './lib/processes.mjs';
import { RewardsPattern } from '#libs/contracts';

if (process.env.PROFILED === '1') {
  // Child mode (CPU_PROF=1): the rewards service under the V8 profiler (--cpu-prof cannot travel
  // in NODE_OPTIONS); the profile is written to bench/profiles/ when the service exits.
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  process.on('exit', () => session.post('Profiler.stop', (error, { profile }) => {
    mkdirSync('bench/profiles', { recursive: true });
    writeFileSync(`bench/profiles/rewards-${Date.now()}.cpuprofile`, JSON.stringify(profile));
  }));
  await import('../dist/apps/rewards/src/main.js');
} else {
  await main();
}

async function main() {
const SCAN_SECONDS = Number(process.env.SCAN_SECONDS ?? 20);
const IN_FLIGHT = Number(process.env.IN_FLIGHT ?? 256);
const USERS = Number(process.env.USERS ?? 1_000_000);
const SCAN_USERS = 20_000;

const infra = await startInfra();
const stops = [infra.stop];
const db = new pg.Client({ connectionString: infra.databaseUrl });

async function startRewards() {
  const env = {
    DATABASE_URL: infra.databaseUrl, REDIS_URL: infra.redisUrl, LOG_LEVEL: 'log', RUN_JOBS: 'false', HEALTH_PORT: '0',
    DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '20',
  };
  // --cpu-prof cannot travel in NODE_OPTIONS: a preload-free wrapper passes it as a node flag.
  const proc = process.env.CPU_PROF
    ? await startProcess('rewards', 'bench/rewards.mjs', { ...env, PROFILED: '1' }, { readyLine: 'listening' })
    : await startProcess('rewards', 'dist/apps/rewards/src/main.js', env, { readyLine: 'listening' });
  stops.unshift(proc.stop);
  return proc;
}

async function scanBench() {
  const client = new RedisStreamsClient({ url: infra.redisUrl, service: 'rewards', caller: 'bench', timeoutMs: 29_000 });
  stops.unshift(() => client.close());
  const users = Array.from({ length: SCAN_USERS }, (_, i) => `urn:authenticateit:user:email:bench-${i}@rewards.test`);
  const scansOf = new Array(SCAN_USERS).fill(0);
  const base = Date.now() - 30 * 86_400_000;
  let sent = 0;
  let ok = 0;
  let failed = 0;
  let firstError;
  const send = (i) => {
    const u = i % SCAN_USERS;
    // One scan per user per simulated minute: the scan_interval ban rule stays out of the way.
    const ts = new Date(base + (scansOf[u]++) * 60_000).toISOString();
    return firstValueFrom(client.send(RewardsPattern.Scan, {
      idempotency_key: randomUUID(), user_id: users[u], code: String(4600000000000 + ((i * 7919) % 500_000)),
      product_name: 'Bench product', event_ts: ts, headers: { 'user-agent': 'bench/1', 'x-real-ip': '10.0.0.1' }, city: 'Sydney',
    }));
  };
  // Warm-up (connections, JIT, catalog cache).
  await Promise.all(Array.from({ length: 200 }, (_, i) => send(sent++)));
  await db.query('TRUNCATE rewards.scans, rewards.claims, rewards.ledger_entries, rewards.balances, rewards.timeline, rewards.processed_inputs, rewards.users');
  scansOf.fill(0);
  sent = 0;

  const started = Date.now();
  const until = started + SCAN_SECONDS * 1000;
  let lastReport = started;
  let lastOk = 0;
  const worker = async () => {
    while (Date.now() < until) {
      try { await send(sent++); ok++; } catch (error) { failed++; firstError ??= error; }
      const now = Date.now();
      if (now - lastReport >= 5000) {
        console.log(`  ${((now - started) / 1000).toFixed(0)} s: ${Math.round((ok - lastOk) / ((now - lastReport) / 1000))} scans/s`);
        lastReport = now;
        lastOk = ok;
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (Date.now() - started) / 1000;
  const [counts] = (await db.query(`SELECT
      (SELECT count(*) FROM rewards.scans)::int AS scans, (SELECT count(*) FROM rewards.claims)::int AS claims,
      (SELECT count(*) FROM rewards.ledger_entries)::int AS ledger, (SELECT count(*) FROM rewards.timeline)::int AS timeline,
      (SELECT count(*) FROM rewards.bans)::int AS bans,
      (SELECT count(*) FROM (SELECT b.user_id FROM rewards.balances b LEFT JOIN
         (SELECT user_id, sum(pending_delta) p FROM rewards.ledger_entries GROUP BY user_id) d USING (user_id)
       WHERE b.pending_coins <> coalesce(d.p, 0)) x)::int AS balance_differences`)).rows;
  console.log(`scan ingestion: ${ok} scans in ${seconds.toFixed(1)} s = ${Math.round(ok / seconds)} scans/s (${IN_FLIGHT} in flight, ${failed} failed${firstError ? `: ${JSON.stringify(firstError).slice(0, 200)}` : ''})`);
  console.log(`  written: ${JSON.stringify(counts)}`);
  const good = counts.scans === ok && counts.claims === ok && counts.ledger === ok && counts.balance_differences === 0;
  console.log(`  ledger check: ${good ? 'OK (one claim and one ledger entry per accepted scan, balances = ledger sums)' : 'MISMATCH'}`);
  if (!good) process.exitCode = 1;
}

async function monthEndBench(proc) {
  // The job body runs in this process against the same database; the service stays idle.
  await proc.stop();
  const t0 = Date.now();
  await db.query('TRUNCATE rewards.scans, rewards.claims, rewards.ledger_entries, rewards.balances, rewards.timeline, rewards.processed_inputs, rewards.users, rewards.contributions, rewards.buddies');
  await db.query('ALTER TABLE rewards.scans SET UNLOGGED');
  // Users in 5 time zones, registered over the last 2 years.
  await db.query(`INSERT INTO rewards.users (user_id, timezone_min, registered_at)
    SELECT 'urn:authenticateit:user:email:m' || lpad(g::text, 7, '0') || '@bench.test', (ARRAY[-300, 0, 60, 180, 600])[1 + g % 5],
           now() - (g % 730) * interval '1 day'
    FROM generate_series(1, $1::int) g`, [USERS]);
  // Last month: 60 % of users active; scans per active user 1..40 (skewed), 1..25 active days.
  await db.query(`INSERT INTO rewards.scans (id, user_id, code, event_ts, record)
    SELECT gen_random_uuid(), u.user_id, (4600000000000 + (random() * 300000)::int)::text,
           date_trunc('month', now()) - interval '1 month' + ((s % 25) * interval '1 day') + (random() * interval '20 hours'), '{}'
    FROM (SELECT user_id, (1 + (abs(hashtext(user_id)) % 40) * (abs(hashtext(user_id)) % 40) / 40) AS n
          FROM rewards.users WHERE abs(hashtext(user_id || 'a')) % 10 < 6) u
    CROSS JOIN LATERAL generate_series(1, u.n) s`);
  await db.query('ALTER TABLE rewards.scans SET LOGGED');
  await db.query(`INSERT INTO rewards.contributions (kind, ref, user_id, status, ts)
    SELECT 'review', 'r-' || u.user_id || '-' || s, u.user_id, 'accepted', date_trunc('month', now()) - interval '1 month' + s * interval '1 day'
    FROM (SELECT user_id FROM rewards.users WHERE abs(hashtext(user_id || 'r')) % 10 < 2) u CROSS JOIN generate_series(1, 3) s`);
  await db.query(`INSERT INTO rewards.buddies (user_id, buddy_id, ts)
    SELECT u.user_id, 'buddy-' || s, now() FROM (SELECT user_id FROM rewards.users WHERE abs(hashtext(user_id || 'b')) % 10 < 1) u
    CROSS JOIN generate_series(1, 5) s`);
  await db.query('ANALYZE rewards.users; ANALYZE rewards.scans; ANALYZE rewards.contributions; ANALYZE rewards.buddies');
  const [size] = (await db.query(`SELECT (SELECT count(*) FROM rewards.users)::int AS users, (SELECT count(*) FROM rewards.scans)::int AS scans,
    (SELECT count(*) FROM rewards.contributions)::int AS reviews, (SELECT count(*) FROM rewards.buddies)::int AS buddies`)).rows;
  console.log(`month-end seed: ${JSON.stringify(size)} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

  const { rewardsDataSource } = await import('../dist/apps/rewards/src/database/database.module.js');
  const { recomputeMonthEnd } = await import('../dist/apps/rewards/src/levels/month-end.js');
  const ds = rewardsDataSource(infra.databaseUrl, 4);
  await ds.initialize();
  const levels = (await ds.query('SELECT definition FROM rewards.level_definitions ORDER BY position')).map((r) => r.definition);
  const t1 = Date.now();
  const summary = await recomputeMonthEnd(ds, levels, new Date());
  const seconds = (Date.now() - t1) / 1000;
  const byLevel = (await db.query('SELECT level, count(*)::int AS n FROM rewards.users GROUP BY level ORDER BY n DESC')).rows;
  console.log(`month-end recomputation: ${JSON.stringify(summary)} in ${seconds.toFixed(1)} s (${Math.round(summary.examined / seconds)} users/s); levels ${JSON.stringify(byLevel)}`);
  const t2 = Date.now();
  const again = await recomputeMonthEnd(ds, levels, new Date());
  console.log(`  second run (nothing left to do): ${JSON.stringify(again)} in ${((Date.now() - t2) / 1000).toFixed(1)} s`);
  if (again.examined !== 0) process.exitCode = 1;
  await ds.destroy();
}

try {
  await db.connect();
  const proc = await startRewards();
  if (!process.env.SKIP_SCANS) await scanBench();
  if (!process.env.SKIP_MONTH_END) await monthEndBench(proc);
} finally {
  await db.end().catch(() => {});
  for (const stop of stops) await stop().catch(() => {});
}
process.exit();
}

// Bench of the rewards service (`npm run build` first; `node bench/rewards.mjs`).
// (a) Sustained scan ingestion through the Redis Streams transport into the real rewards process
//     (claims, ledger entries, timeline written), then a ledger check: ledger rows = accepted scans.
// (b) Month-end level recomputation for USERS users (default 1,000,000) seeded with generate_series,
//     running the job body (recomputeMonthEnd from dist) in this process.
// Every number is measured against a baseline in the same run: the same code built from the
// baseline commit (bench/lib/baseline.mjs; BASELINE=0 skips it). Ingestion alternates between the
// two processes (each on its own PostgreSQL and Redis, so CPU per scan is per code path), ROUNDS
// times each; month-end runs both job bodies on one seeded database, reset in between.
// Also reported per path: CPU ms per scan of each process, statements per batch, WAL bytes per
// scan and sampled lock waits (pg_stat_statements, pg_current_wal_lsn, pg_stat_activity).
// Env: SCAN_SECONDS (15 per round), ROUNDS (2), IN_FLIGHT (256), USERS (1000000), SKIP_SCANS=1,
//      SKIP_MONTH_END=1, DB_POOL_SIZE (rewards process pool, 20), CPU_PROF=1 (a .cpuprofile of each
//      rewards process in bench/profiles/), BASELINE=0, COMPARE_ENV='NAME=value ...' (the second
//      path is ours again with these variables instead of the baseline build: for tuning).
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import pg from 'pg';
import { RewardsPattern } from '#libs/contracts';
import { baselineWanted, ensureBaselineBuild } from './lib/baseline.mjs';
import { treeCpuMs } from './lib/cpu.mjs';
import { startInfra, startProcess } from './lib/processes.mjs';
import { printReport, round2, row } from './lib/report.mjs';

const SCAN_SECONDS = Number(process.env.SCAN_SECONDS ?? 15);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const IN_FLIGHT = Number(process.env.IN_FLIGHT ?? 256);
const USERS = Number(process.env.USERS ?? 1_000_000);
const SCAN_USERS = 20_000;
const stops = [];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function startPath(name, cwd, extraEnv = {}) {
  const infra = await startInfra({ statements: true });
  stops.unshift(infra.stop);
  const db = new pg.Client({ connectionString: infra.databaseUrl });
  await db.connect();
  stops.unshift(() => db.end());
  const env = {
    DATABASE_URL: infra.databaseUrl, REDIS_URL: infra.redisUrl, LOG_LEVEL: 'log', RUN_JOBS: 'false', HEALTH_PORT: '0',
    DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '20', ...extraEnv,
  };
  const nodeArgs = process.env.CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.cwd()}/bench/profiles`, `--cpu-prof-name=rewards-${name}.cpuprofile`] : [];
  const proc = await startProcess(`rewards-${name}`, 'dist/apps/rewards/src/main.js', env, { readyLine: 'listening', cwd, nodeArgs });
  stops.unshift(proc.stop);
  await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  // Each path speaks its own build's transport (the wire format moved since the baseline).
  const { RedisStreamsClient } = await import(join(cwd ?? process.cwd(), 'dist/libs/transport/src/index.js'));
  const client = new RedisStreamsClient({ url: infra.redisUrl, service: 'rewards', caller: 'bench', timeoutMs: 20_000 });
  stops.unshift(() => client.close());
  const cpu = () => ({ service: treeCpuMs(proc.child.pid), postgres: treeCpuMs(infra.postgresPid()), redis: treeCpuMs(infra.redisPids[0]) });
  return { name, cwd, infra, db, proc, client, cpu, rounds: [] };
}

const users = Array.from({ length: SCAN_USERS }, (_, i) => `urn:authenticateit:user:email:bench-${i}@rewards.test`);

/**
 * The service's background work (summary feed, stats emitter) still reads the warm-up's rows, so
 * TRUNCATE's exclusive lock can deadlock with it: Postgres then cancels one side; try again.
 */
async function truncateAll(db) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.query('TRUNCATE rewards.scans, rewards.claims, rewards.ledger_entries, rewards.balances, rewards.timeline, rewards.processed_inputs, rewards.users');
    } catch (error) {
      if (error.code !== '40P01' || attempt === 5) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** One round of ingestion into one path: IN_FLIGHT senders for SCAN_SECONDS, then the checks. */
async function scanRound(p) {
  const scansOf = new Array(SCAN_USERS).fill(0);
  const base = Date.now() - 30 * 86_400_000;
  let sent = 0;
  const send = (i) => {
    const u = i % SCAN_USERS;
    // One scan per user per simulated minute: the scan_interval ban rule stays out of the way.
    const ts = new Date(base + (scansOf[u]++) * 60_000).toISOString();
    return firstValueFrom(p.client.send(RewardsPattern.Scan, {
      idempotency_key: randomUUID(), user_id: users[u], code: String(4600000000000 + ((i * 7919) % 500_000)),
      product_name: 'Bench product', event_ts: ts, headers: { 'user-agent': 'bench/1', 'x-real-ip': '10.0.0.1' }, city: 'Sydney',
    }));
  };
  // Warm-up (connections, JIT, catalog cache), then a clean slate.
  await Promise.all(Array.from({ length: 200 }, () => send(sent++)));
  await truncateAll(p.db);
  await p.db.query('SELECT pg_stat_statements_reset()');
  scansOf.fill(0);
  sent = 0;

  const waits = new Map();
  let sampling = true;
  const sampler = (async () => {
    const s = new pg.Client({ connectionString: p.infra.databaseUrl });
    await s.connect();
    while (sampling) {
      const { rows } = await s.query(`SELECT wait_event_type, wait_event, count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid() AND wait_event IS NOT NULL GROUP BY 1, 2`);
      for (const r of rows) waits.set(`${r.wait_event_type}:${r.wait_event}`, (waits.get(`${r.wait_event_type}:${r.wait_event}`) ?? 0) + r.n);
      waits.set('samples', (waits.get('samples') ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 200));
    }
    await s.end();
  })();
  const lsn0 = (await p.db.query('SELECT pg_current_wal_lsn() AS l')).rows[0].l;
  const cpu0 = p.cpu();
  const bench0 = process.cpuUsage();
  let ok = 0;
  let failed = 0;
  let firstError;
  const started = Date.now();
  const until = started + SCAN_SECONDS * 1000;
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (Date.now() < until) {
      try { await send(sent++); ok++; } catch (error) { failed++; firstError ??= error; }
    }
  }));
  const seconds = (Date.now() - started) / 1000;
  const benchCpu = process.cpuUsage(bench0);
  const cpu1 = p.cpu();
  sampling = false;
  await sampler;
  const wal = Number((await p.db.query('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1) AS d', [lsn0])).rows[0].d);
  const statements = (await p.db.query(`SELECT calls::int, rows::int, round(total_exec_time)::int AS exec_ms, round(total_plan_time)::int AS plan_ms,
      wal_bytes::bigint AS wal_bytes, wal_fpi::bigint AS wal_fpi, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query
    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY total_exec_time DESC LIMIT 6`)).rows;
  const [counts] = (await p.db.query(`SELECT
      (SELECT count(*) FROM rewards.scans)::int AS scans, (SELECT count(*) FROM rewards.claims)::int AS claims,
      (SELECT count(*) FROM rewards.ledger_entries)::int AS ledger, (SELECT count(*) FROM rewards.timeline)::int AS timeline,
      (SELECT count(*) FROM rewards.bans)::int AS bans,
      (SELECT count(*) FROM (SELECT b.user_id FROM rewards.balances b LEFT JOIN
         (SELECT user_id, sum(pending_delta) p FROM rewards.ledger_entries GROUP BY user_id) d USING (user_id)
       WHERE b.pending_coins <> coalesce(d.p, 0)) x)::int AS balance_differences`)).rows;
  const good = counts.scans === ok && counts.claims === ok && counts.ledger === ok && counts.timeline === ok && counts.balance_differences === 0 && failed === 0;
  if (!good) process.exitCode = 1;
  const per = (ms) => round2(ms / ok);
  const result = {
    scansPerSecond: Math.round(ok / seconds), ok, failed, firstError: firstError ? JSON.stringify(firstError).slice(0, 200) : undefined, ledgerCheck: good ? 'OK' : 'MISMATCH', counts,
    cpuMsPerScan: { service: per(cpu1.service - cpu0.service), postgres: per(cpu1.postgres - cpu0.postgres), redis: per(cpu1.redis - cpu0.redis), benchClient: per((benchCpu.user + benchCpu.system) / 1000) },
    walBytesPerScan: Math.round(wal / ok),
    lockWaitsPerSample: round2(([...waits].filter(([k]) => k.startsWith('Lock:')).reduce((a, [, n]) => a + n, 0)) / (waits.get('samples') || 1)),
    waits: Object.fromEntries([...waits].filter(([k]) => k !== 'samples').sort((a, b) => b[1] - a[1]).slice(0, 6)),
    statements,
  };
  console.log(`  ${p.name}: ${result.scansPerSecond} scans/s (${ok} in ${seconds.toFixed(1)} s, ${failed} failed), ledger ${result.ledgerCheck}, CPU ms/scan ${JSON.stringify(result.cpuMsPerScan)}, WAL ${result.walBytesPerScan} B/scan, lock waits/sample ${result.lockWaitsPerSample}`);
  return result;
}

async function seedMonthEnd(db) {
  const t0 = Date.now();
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
  await db.query('VACUUM ANALYZE rewards.users');
  await db.query('VACUUM ANALYZE rewards.scans');
  await db.query('ANALYZE rewards.contributions; ANALYZE rewards.buddies');
  const [size] = (await db.query(`SELECT (SELECT count(*) FROM rewards.users)::int AS users, (SELECT count(*) FROM rewards.scans)::int AS scans,
    (SELECT count(*) FROM rewards.contributions)::int AS reviews, (SELECT count(*) FROM rewards.buddies)::int AS buddies`)).rows;
  console.log(`month-end seed: ${JSON.stringify(size)} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

/** Runs one build's job body (its own dist) on the seeded database; answers seconds and summary. */
async function monthEndRun(dir, url, label, pgPid) {
  const { rewardsDataSource } = await import(join(dir, 'dist/apps/rewards/src/database/database.module.js'));
  const { recomputeMonthEnd } = await import(join(dir, 'dist/apps/rewards/src/levels/month-end.js'));
  const ds = rewardsDataSource(url, 4);
  await ds.initialize();
  try {
    const levels = (await ds.query('SELECT definition FROM rewards.level_definitions ORDER BY position')).map((r) => r.definition);
    const onProgress = (p) => console.log(`  ${label} progress: ${JSON.stringify(p)}`);
    const cpu0 = { bench: process.cpuUsage(), postgres: treeCpuMs(pgPid) };
    const t0 = Date.now();
    const summary = await recomputeMonthEnd(ds, levels, new Date(), undefined, undefined, onProgress);
    const seconds = (Date.now() - t0) / 1000;
    const bench = process.cpuUsage(cpu0.bench);
    const cpu = { node: Math.round((bench.user + bench.system) / 1000), postgres: treeCpuMs(pgPid) - cpu0.postgres };
    const t1 = Date.now();
    const again = await recomputeMonthEnd(ds, levels, new Date());
    const againSeconds = (Date.now() - t1) / 1000;
    console.log(`  ${label}: ${JSON.stringify(summary)} in ${seconds.toFixed(1)} s (${Math.round(summary.examined / seconds)} users/s, CPU ms ${JSON.stringify(cpu)}); second run ${JSON.stringify(again)} in ${againSeconds.toFixed(1)} s`);
    if (again.examined !== 0) process.exitCode = 1;
    return { seconds, summary, cpu, again };
  } finally {
    await ds.destroy();
  }
}

async function monthEndBench(ours, baseline) {
  const url = await ours.infra.createDatabase('monthend');
  const migrated = spawnSync(process.execPath, ['dist/apps/rewards/src/migrate.js'], { env: { ...process.env, DATABASE_URL: url, REDIS_URL: ours.infra.redisUrl }, encoding: 'utf8' });
  if (migrated.status !== 0) throw new Error(`migrations failed: ${migrated.stderr}`);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await seedMonthEnd(db);
    const levelsOf = async () => (await db.query('SELECT level, count(*)::int AS n FROM rewards.users GROUP BY level ORDER BY level')).rows;
    const results = {};
    for (const [name, dir] of [...(baseline ? [['baseline', baseline.dir]] : []), ['ours', process.cwd()]]) {
      if (Object.keys(results).length > 0) {
        await db.query("UPDATE rewards.users SET level = 'basic', previous_level = NULL, level_period = NULL, level_changed_at = NULL");
        await db.query('VACUUM ANALYZE rewards.users');
      }
      results[name] = await monthEndRun(dir, url, name, ours.infra.postgresPid());
      results[name].levels = await levelsOf();
    }
    if (baseline && JSON.stringify(results.ours.levels) !== JSON.stringify(results.baseline.levels)) {
      console.log(`month-end levels DIFFER: ours ${JSON.stringify(results.ours.levels)} baseline ${JSON.stringify(results.baseline.levels)}`);
      process.exitCode = 1;
    }
    return results;
  } finally {
    await db.end();
  }
}

async function main() {
  // COMPARE_ENV='A=1 B=2': instead of the baseline build, ours again with these variables (tuning).
  const variant = process.env.COMPARE_ENV ? Object.fromEntries(process.env.COMPARE_ENV.split(/\s+/).filter(Boolean).map((kv) => kv.split('='))) : undefined;
  const baseline = !variant && baselineWanted() ? ensureBaselineBuild() : undefined;
  const ours = await startPath('ours');
  const base = variant ? await startPath('variant', undefined, variant) : baseline ? await startPath('baseline', baseline.dir) : undefined;
  const paths = base ? [ours, base] : [ours];
  const rows = [];
  const extra = { baselineCommit: baseline?.sha ?? null };
  if (!process.env.SKIP_SCANS) {
    for (let r = 0; r < ROUNDS; r++) {
      console.log(`scan ingestion, round ${r + 1} of ${ROUNDS} (${IN_FLIGHT} in flight, ${SCAN_SECONDS} s each):`);
      for (const p of r % 2 === 0 ? [...paths].reverse() : paths) p.rounds.push(await scanRound(p));
    }
    const rate = (p) => mean(p.rounds.map((x) => x.scansPerSecond));
    const cpuOf = (p, k) => mean(p.rounds.map((x) => x.cpuMsPerScan[k]));
    const b = (f) => (base ? f(base) : undefined);
    rows.push(row(`scan ingestion with claims, ledger and timeline (mean of ${ROUNDS} rounds)`, rate(ours), b(rate), 'scans/s', 'higher', { min: 5000 }));
    for (const k of ['service', 'postgres', 'redis', 'benchClient']) rows.push(row(`  ${k} CPU per scan`, cpuOf(ours, k), b((p) => cpuOf(p, k)), 'ms', 'lower'));
    rows.push(row('  WAL per scan', mean(ours.rounds.map((x) => x.walBytesPerScan)), b((p) => mean(p.rounds.map((x) => x.walBytesPerScan))), 'bytes', 'lower'));
    rows.push(row('  backends waiting on a lock (per sample)', mean(ours.rounds.map((x) => x.lockWaitsPerSample)), b((p) => mean(p.rounds.map((x) => x.lockWaitsPerSample))), '', 'lower'));
    extra.scanRounds = Object.fromEntries(paths.map((p) => [p.name, p.rounds]));
  }
  for (const p of paths) await p.proc.stop();
  if (!process.env.SKIP_MONTH_END) {
    const me = await monthEndBench(ours, baseline);
    rows.push(row(`month-end levels for ${USERS.toLocaleString('en')} users`, me.ours.seconds, me.baseline?.seconds, 's', 'lower', { max: 20 }));
    rows.push(row('  PostgreSQL CPU of the run', me.ours.cpu.postgres / 1000, me.baseline ? me.baseline.cpu.postgres / 1000 : undefined, 's', 'lower'));
    rows.push(row('  job process CPU of the run', me.ours.cpu.node / 1000, me.baseline ? me.baseline.cpu.node / 1000 : undefined, 's', 'lower'));
    extra.monthEnd = me;
  }
  printReport('rewards', rows, extra);
}

try {
  await main();
} finally {
  for (const stop of stops) await stop().catch(() => {});
}
process.exit();

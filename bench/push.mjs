// Push fan-out bench (`npm run build` first; `node bench/push.mjs`).
// A timeline message with push_message to USERS users (default 10,000) with one gcm device each,
// end to end: rewards (timeline entry + outbox row, push.requested in batches) → identity (BullMQ
// job per batch, devices looked up per batch, deliveries claimed, FCM HTTP v1 with an OAuth2
// token) → the FCM stand-in. Then the delivery stage alone: the pushes emitted at once as
// push.requested events. Deliveries/s are set against a baseline in the same run: the stand-in's
// raw rate with a plain HTTP client (same concurrency, same bodies, a valid access token).
// Env: USERS (10000), IN_FLIGHT (64: timeline requests in flight), PUSH_CONCURRENCY (64: identity's
//      provider requests in flight), BASELINE_CONCURRENCY (64), STAGE_BATCH (64: pushes per event
//      in the delivery stage), SKIP_END_TO_END=1 (only the delivery stage),
//      BASE=<dir of another checkout, built>: runs that build first, on its own database, with
//      single-push events in its delivery stage (its contract), and prints the ratios,
//      COUNT=1: Redis commands (INFO commandstats) and SQL statements (pg_stat_statements) per delivery.
// CPU ms per delivery of each process are printed too: on a shared machine they say more than rates.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { SignJWT, importPKCS8 } from 'jose';
import { Redis } from 'ioredis';
import pg from 'pg';
import { firstValueFrom } from 'rxjs';
import { Events, Header, RewardsPattern, SECURITY_ADMIN_ROLE, SYSTEM_PARTICIPANT_ID } from '#libs/contracts';
import { RedisStreamsClient, StreamRecord } from '#libs/transport';
import { treeCpuMs } from './lib/cpu.mjs';
import { printReport, row } from './lib/report.mjs';
import { startInfra, startProcess, stopChild } from './lib/processes.mjs';

const USERS = Number(process.env.USERS ?? 10_000);
const IN_FLIGHT = Number(process.env.IN_FLIGHT ?? 64);
const PUSH_CONCURRENCY = process.env.PUSH_CONCURRENCY ?? '64';
const BASELINE_CONCURRENCY = Number(process.env.BASELINE_CONCURRENCY ?? 64);
const STAGE_BATCH = Number(process.env.STAGE_BATCH ?? 64);
const BASE = process.env.BASE;
const COUNT = process.env.COUNT === '1';

const stops = [];
const stopAll = async () => { for (const stop of stops) await stop(); };
process.on('SIGINT', () => { void stopAll().then(() => process.exit(130)); });

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const account = {
  type: 'service_account', project_id: 'rewards-bench', private_key_id: 'bench-1', client_email: 'push@rewards-bench.iam.gserviceaccount.com',
  private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
};

/** CPU ms (user + system) of the process itself, without its children (the bench spawns everything). */
function ownCpuMs(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** Postgres and Redis as whole process trees (backends), the node processes each on its own. */
const cpuOf = (name, pid) => (name === 'postgres' || name === 'redis' ? treeCpuMs(pid) : ownCpuMs(pid));

/** CPU ms per item of each named process over `work` (robust when the machine is shared). */
async function cpuPerItem(pids, items, work) {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuOf(name, pid)]));
  const result = await work();
  const perItem = Object.entries(pids).map(([name, pid]) => [name, (cpuOf(name, pid) - before[name]) / items]);
  const total = perItem.reduce((sum, [, ms]) => sum + ms, 0);
  return { result, text: `CPU ms per delivery: ${perItem.map(([name, ms]) => `${name} ${ms.toFixed(2)}`).join(', ')}; total ${total.toFixed(2)}` };
}

/** Runs `work(i)` for i in [0, total) with at most `concurrency` in flight. */
async function pool(total, concurrency, work) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => { while (next < total) await work(next++); }));
}

/** COUNT=1: Redis commands (INFO commandstats) and SQL statements (pg_stat_statements) per delivery over a phase. */
function counter(redisUrl, databaseUrl) {
  if (!COUNT) return { start: async () => {}, report: async () => {} };
  const redis = new Redis(redisUrl);
  const db = new pg.Client({ connectionString: databaseUrl });
  const connected = db.connect().then(() => db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements'));
  const redisCalls = async () => Object.fromEntries((await redis.info('commandstats')).split('\r\n').map((l) => /^cmdstat_([^:]+):calls=(\d+)/.exec(l)).filter(Boolean).map((m) => [m[1], Number(m[2])]));
  const sqlCalls = async () => Object.fromEntries((await db.query('SELECT query, calls FROM pg_stat_statements')).rows.map((r) => [r.query, Number(r.calls)]));
  let before;
  return {
    start: async () => { await connected; before = { redis: await redisCalls(), sql: await sqlCalls() }; },
    report: async (label) => {
      const diff = (now, then) => Object.entries(now).map(([k, n]) => [k, n - (then[k] ?? 0)]).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
      const redisDiff = diff(await redisCalls(), before.redis).filter(([k]) => k !== 'info');
      const sqlDiff = diff(await sqlCalls(), before.sql).filter(([k]) => !/pg_stat_statements/.test(k));
      const per = (n) => (n / USERS).toFixed(3);
      console.log(`  ${label}: Redis commands per delivery ${per(redisDiff.reduce((a, [, n]) => a + n, 0))} (${redisDiff.slice(0, 8).map(([k, n]) => `${k} ${per(n)}`).join(', ')})`);
      console.log(`  ${label}: SQL statements per delivery ${per(sqlDiff.reduce((a, [, n]) => a + n, 0))}`);
      for (const [q, n] of sqlDiff.slice(0, 8)) console.log(`    ${per(n)}  ${q.replace(/\s+/g, ' ').slice(0, 150)}`);
    },
    close: async () => { redis.disconnect(); await db.end(); },
  };
}

async function standinCount(controlBase) {
  return (await (await fetch(`${controlBase}/counters`)).json()).received;
}

async function waitForCount(controlBase, target, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = await standinCount(controlBase);
    if (n >= target) return Date.now();
    if (Date.now() > deadline) throw new Error(`only ${n} of ${target} deliveries after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function baseline(base, controlBase) {
  const tokenUrl = `${base}/token`;
  const assertion = await new SignJWT({ scope: 'https://www.googleapis.com/auth/firebase.messaging' })
    .setProtectedHeader({ alg: 'RS256', kid: account.private_key_id }).setIssuer(account.client_email).setAudience(tokenUrl)
    .setIssuedAt().setExpirationTime('1h').sign(await importPKCS8(account.private_key, 'RS256'));
  const { access_token: token } = await (await fetch(tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }) })).json();
  const url = new URL(`${base}/v1/projects/${account.project_id}/messages:send`);
  const agent = new Agent({ keepAlive: true, maxSockets: BASELINE_CONCURRENCY });
  const send = (i) => new Promise((resolve, reject) => {
    const body = JSON.stringify({ message: { token: `baseline-${i}`, notification: { title: 'Rewards', body: 'Bench push' }, data: { type: 'timeline', message_type: 'notification' } } });
    const req = request(url, { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.on('data', () => {});
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end(body);
  });
  await pool(500, BASELINE_CONCURRENCY, send); // warm-up
  const before = await standinCount(controlBase);
  const started = Date.now();
  await pool(USERS, BASELINE_CONCURRENCY, send);
  const seconds = (Date.now() - started) / 1000;
  if ((await standinCount(controlBase)) - before !== USERS) throw new Error('baseline: the stand-in did not accept every request');
  return USERS / seconds;
}

async function seed(databaseUrl) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const ids = `'urn:authenticateit:user:email:push-bench-' || g || '@rewards.test'`;
  await db.query(`INSERT INTO identity.users (id, reg_type, email, activated_at) SELECT ${ids}, 'email', 'push-bench-' || g || '@rewards.test', now() FROM generate_series(1, $1) g ON CONFLICT DO NOTHING`, [USERS]);
  await db.query(`INSERT INTO identity.devices (type, device_id, user_id) SELECT 'gcm', 'bench-token-' || g, ${ids} FROM generate_series(1, $1) g ON CONFLICT DO NOTHING`, [USERS]);
  await db.query(`INSERT INTO rewards.users (user_id) SELECT ${ids} FROM generate_series(1, $1) g ON CONFLICT DO NOTHING`, [USERS]);
  // New users start rewards' account-summary feed to identity: let it finish before measuring.
  for (let i = 0; i < 600; i++) {
    const { rows } = await db.query(`SELECT to_regclass('rewards.account_summary_dirty') IS NOT NULL AS present`);
    if (!rows[0].present || Number((await db.query('SELECT count(*) FROM rewards.account_summary_dirty')).rows[0].count) === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await db.end();
}

try {
  const infra = await startInfra({ statements: COUNT });
  stops.push(infra.stop);
  const fcm = spawn(process.execPath, ['dist/test/fixtures/push-standins/fcm-main.js'], {
    env: { ...process.env, SERVICE_ACCOUNT_JSON: JSON.stringify(account), NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  stops.unshift(() => stopChild(fcm));
  const [port, controlPort] = await new Promise((resolve, reject) => {
    let out = '';
    fcm.stdout.on('data', (d) => { out += d; const m = /listening (\d+) (\d+)/.exec(out); if (m) resolve([m[1], m[2]]); });
    fcm.once('exit', (code) => reject(new Error(`FCM stand-in exited with ${code}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const controlBase = `http://127.0.0.1:${controlPort}`;
  const shared = { postgres: infra.postgresPid(), redis: infra.redisPids[0], 'fcm-standin': fcm.pid, 'bench client': process.pid };

  const { result: raw, text: rawCpu } = await cpuPerItem(shared, USERS, () => baseline(base, controlBase));
  console.log(`baseline: plain HTTP client → FCM stand-in, ${USERS} requests, concurrency ${BASELINE_CONCURRENCY}: ${Math.round(raw)} req/s; ${rawCpu}`);

  const builds = [...(BASE ? [{ label: `base (${BASE})`, cwd: BASE, legacyEvents: true, database: 'push_base' }] : []), { label: 'this build', cwd: undefined, legacyEvents: false, database: 'push_current' }];
  const results = [];
  for (const build of builds) {
    // Each build gets its own database (its own migrations) and a flushed Redis.
    const databaseUrl = await infra.createDatabase(build.database);
    const flush = new Redis(infra.redisUrl);
    await flush.flushall();
    flush.disconnect();
    const common = { DATABASE_URL: databaseUrl, REDIS_URL: infra.redisUrl, LOG_LEVEL: 'log', HEALTH_PORT: '0', NODE_OPTIONS: '' };
    const identity = await startProcess('identity', 'dist/apps/identity/src/main.js', {
      ...common, FCM_SERVICE_ACCOUNT_JSON: JSON.stringify(account), FCM_API_BASE: base, FCM_TOKEN_URL: `${base}/token`, PUSH_CONCURRENCY,
    }, { readyLine: 'listening on the transport', cwd: build.cwd });
    const rewards = await startProcess('rewards', 'dist/apps/rewards/src/main.js', { ...common, RUN_JOBS: 'false' }, { readyLine: 'listening on the transport', cwd: build.cwd });
    await seed(databaseUrl);
    const counts = counter(infra.redisUrl, databaseUrl);
    console.log(`\n== ${build.label}`);
    const pids = { identity: identity.child.pid, rewards: rewards.child.pid, ...shared };
    const result = {};
    try {
      if (process.env.SKIP_END_TO_END !== '1') result.endToEnd = await endToEnd(infra, controlBase, pids, raw, counts);
      result.stage = await deliveryStage(infra, controlBase, pids, raw, counts, build.legacyEvents ? 1 : STAGE_BATCH);
    } finally {
      await counts.close?.();
      await rewards.stop();
      await identity.stop();
    }
    results.push([build.label, result]);
  }
  if (results.length === 2) {
    const [[, old], [, now]] = results;
    if (old.endToEnd) console.log(`\nend to end: ${Math.round(now.endToEnd)} vs ${Math.round(old.endToEnd)} deliveries/s, ratio ${(now.endToEnd / old.endToEnd).toFixed(2)}`);
    console.log(`delivery stage: ${Math.round(now.stage)} vs ${Math.round(old.stage)} deliveries/s, ratio ${(now.stage / old.stage).toFixed(2)}`);
  }
  const [, current] = results.at(-1);
  printReport('push', [
    row(`delivery stage, ${USERS} pushes → identity → FCM stand-in (vs a plain HTTP client)`, Math.round(current.stage), Math.round(raw), '/s', 'higher', { min: 2000 }),
    ...(current.endToEnd ? [row(`end to end, ${USERS} timeline messages with a push each (vs a plain HTTP client)`, Math.round(current.endToEnd), Math.round(raw), '/s', 'higher')] : []),
  ]);
} finally {
  await stopAll();
}

async function endToEnd(infra, controlBase, pids, raw, counts) {
  const client = new RedisStreamsClient({ url: infra.redisUrl, service: 'rewards', caller: 'bench', timeoutMs: 20_000 });
  const session = JSON.stringify({ userId: 'urn:authenticateit:user:email:bench-admin@rewards.test', name: 'bench', currentParticipant: SYSTEM_PARTICIPANT_ID, roles: [SECURITY_ADMIN_ROLE], modules: [], ticketHash: 'bench' });
  const message = (i) => firstValueFrom(client.send(RewardsPattern.TimelineMessage, new StreamRecord(
    { body: { id: `urn:authenticateit:user:email:push-bench-${i + 1}@rewards.test`, message: 'Bench message', type: 'notification', push_message: 'Bench push' }, params: {}, query: {}, ip: '127.0.0.1', headers: {} },
    { [Header.Session]: session, [Header.Caller]: 'gateway' })));
  await counts.start();
  const before = await standinCount(controlBase);
  const started = Date.now();
  let answered = 0;
  let requestsDone = 0;
  const { result: lastDelivery, text: endCpu } = await cpuPerItem(pids, USERS, async () => {
    await pool(USERS, IN_FLIGHT, async (i) => { await message(i); answered += 1; });
    requestsDone = Date.now();
    return waitForCount(controlBase, before + USERS);
  });
  const seconds = (lastDelivery - started) / 1000;
  const rate = USERS / seconds;
  console.log(`timeline messages answered: ${answered} in ${((requestsDone - started) / 1000).toFixed(2)} s (${Math.round(answered / ((requestsDone - started) / 1000))}/s, ${IN_FLIGHT} in flight)`);
  console.log(`push fan-out end to end: ${USERS} deliveries in ${seconds.toFixed(2)} s = ${Math.round(rate)} deliveries/s (identity PUSH_CONCURRENCY ${PUSH_CONCURRENCY}); ratio to baseline ${(rate / raw).toFixed(2)}; ${endCpu}`);
  await new Promise((r) => setTimeout(r, 500)); // anything delivered twice would show now
  const delivered = await standinCount(controlBase) - before;
  await client.close();
  if (delivered !== USERS) throw new Error(`${delivered} deliveries for ${USERS} messages`);
  console.log(`exactly one delivery per device: ${delivered}/${USERS}`);
  await counts.report('end to end');
  return rate;
}

async function deliveryStage(infra, controlBase, pids, raw, counts, batch) {
  // The delivery stage alone: USERS pushes emitted at once as push.requested events, `batch` pushes
  // per event (1: the single-push events of the earlier contract).
  const emitter = new RedisStreamsClient({ url: infra.redisUrl, caller: 'rewards' });
  const push = (i) => ({ messageId: `bench.stage.${i}`, userId: `urn:authenticateit:user:email:push-bench-${i + 1}@rewards.test`, title: 'Rewards', body: 'Bench push', payload: { type: 'timeline' } });
  const events = Math.ceil(USERS / batch);
  const event = (e) => (batch === 1 ? push(e) : { pushes: Array.from({ length: Math.min(batch, USERS - e * batch) }, (_, k) => push(e * batch + k)) });
  await counts.start();
  const stageBefore = await standinCount(controlBase);
  const stageStarted = Date.now();
  const { result: stageDone, text: stageCpu } = await cpuPerItem(pids, USERS, async () => {
    await pool(events, 256, (e) => firstValueFrom(emitter.emit(Events.PushRequested, event(e)), { defaultValue: undefined }));
    return waitForCount(controlBase, stageBefore + USERS);
  });
  const stageRate = USERS / ((stageDone - stageStarted) / 1000);
  await emitter.close();
  console.log(`delivery stage (events of ${batch} push(es) → identity → FCM stand-in): ${USERS} deliveries in ${((stageDone - stageStarted) / 1000).toFixed(2)} s = ${Math.round(stageRate)} deliveries/s; ratio to baseline ${(stageRate / raw).toFixed(2)}; ${stageCpu}`);
  await counts.report('delivery stage');
  return stageRate;
}

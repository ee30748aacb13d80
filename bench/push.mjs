// Push fan-out bench (`npm run build` first; `node bench/push.mjs`).
// A timeline message with push_message to USERS users (default 10,000) with one gcm device each,
// end to end: rewards (transaction + outbox + push.requested) → identity (fan-out, BullMQ,
// ownership check, FCM HTTP v1 with an OAuth2 token) → the FCM stand-in. Deliveries/s are set
// against a baseline in the same run: the stand-in's raw rate with a plain HTTP client (fetch,
// same concurrency, same bodies, a valid access token).
// Env: USERS (10000), IN_FLIGHT (64: timeline requests in flight), PUSH_CONCURRENCY (64: identity's
//      delivery workers), BASELINE_CONCURRENCY (64), SKIP_END_TO_END=1 (only the delivery stage).
// CPU ms per delivery of each process are printed too: on a shared machine they say more than rates.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { SignJWT, importPKCS8 } from 'jose';
import pg from 'pg';
import { firstValueFrom } from 'rxjs';
import { Events, Header, RewardsPattern, SECURITY_ADMIN_ROLE, SYSTEM_PARTICIPANT_ID } from '#libs/contracts';
import { RedisStreamsClient, StreamRecord } from '#libs/transport';
import { startInfra, startProcess, stopChild } from './lib/processes.mjs';

const USERS = Number(process.env.USERS ?? 10_000);
const IN_FLIGHT = Number(process.env.IN_FLIGHT ?? 64);
const PUSH_CONCURRENCY = process.env.PUSH_CONCURRENCY ?? '64';
const BASELINE_CONCURRENCY = Number(process.env.BASELINE_CONCURRENCY ?? 64);

const stops = [];
const stopAll = async () => { for (const stop of stops) await stop(); };
process.on('SIGINT', () => { void stopAll().then(() => process.exit(130)); });

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const account = {
  type: 'service_account', project_id: 'rewards-bench', private_key_id: 'bench-1', client_email: 'push@rewards-bench.iam.gserviceaccount.com',
  private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
};

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** CPU ms per item of each named process over `work` (robust when the machine is shared). */
async function cpuPerItem(pids, items, work) {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const result = await work();
  const perItem = Object.entries(pids).map(([name, pid]) => `${name} ${((cpuSeconds(pid) - before[name]) * 1000 / items).toFixed(2)}`);
  return { result, text: `CPU ms per delivery: ${perItem.join(', ')}` };
}

/** Runs `work(i)` for i in [0, total) with at most `concurrency` in flight. */
async function pool(total, concurrency, work) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => { while (next < total) await work(next++); }));
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
  await db.end();
}

try {
  const infra = await startInfra();
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
  const common = { DATABASE_URL: infra.databaseUrl, REDIS_URL: infra.redisUrl, LOG_LEVEL: 'log', HEALTH_PORT: '0', NODE_OPTIONS: '' };
  const identity = await startProcess('identity', 'dist/apps/identity/src/main.js', {
    ...common, FCM_SERVICE_ACCOUNT_JSON: JSON.stringify(account), FCM_API_BASE: base, FCM_TOKEN_URL: `${base}/token`, PUSH_CONCURRENCY,
  }, { readyLine: 'listening on the transport' });
  stops.unshift(identity.stop);
  const rewards = await startProcess('rewards', 'dist/apps/rewards/src/main.js', { ...common, RUN_JOBS: 'false' }, { readyLine: 'listening on the transport' });
  stops.unshift(rewards.stop);
  await seed(infra.databaseUrl);

  const pids = { identity: identity.child.pid, rewards: rewards.child.pid, 'fcm-standin': fcm.pid, 'bench client': process.pid };
  const { result: raw, text: rawCpu } = await cpuPerItem(pids, USERS, () => baseline(base, controlBase));
  console.log(`baseline: plain HTTP client → FCM stand-in, ${USERS} requests, concurrency ${BASELINE_CONCURRENCY}: ${Math.round(raw)} req/s; ${rawCpu}`);

  if (process.env.SKIP_END_TO_END !== '1') await endToEnd(infra, controlBase, pids, raw);
  await deliveryStage(infra, controlBase, pids, raw);
} finally {
  await stopAll();
}

async function endToEnd(infra, controlBase, pids, raw) {
  const client = new RedisStreamsClient({ url: infra.redisUrl, service: 'rewards', caller: 'bench', timeoutMs: 20_000 });
  stops.unshift(() => client.close());
  const session = JSON.stringify({ userId: 'urn:authenticateit:user:email:bench-admin@rewards.test', name: 'bench', currentParticipant: SYSTEM_PARTICIPANT_ID, roles: [SECURITY_ADMIN_ROLE], modules: [], ticketHash: 'bench' });
  const message = (i) => firstValueFrom(client.send(RewardsPattern.TimelineMessage, new StreamRecord(
    { body: { id: `urn:authenticateit:user:email:push-bench-${i + 1}@rewards.test`, message: 'Bench message', type: 'notification', push_message: 'Bench push' }, params: {}, query: {}, ip: '127.0.0.1', headers: {} },
    { [Header.Session]: session, [Header.Caller]: 'gateway' })));
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
  const delivered = await standinCount(controlBase) - before;
  if (delivered !== USERS) throw new Error(`${delivered} deliveries for ${USERS} messages`);
  console.log(`exactly one delivery per device: ${delivered}/${USERS}`);
}

async function deliveryStage(infra, controlBase, pids, raw) {
  // The delivery stage alone: USERS push.requested events emitted at once (as rewards emits them).
  const emitter = new RedisStreamsClient({ url: infra.redisUrl, caller: 'rewards' });
  stops.unshift(() => emitter.close());
  const stageBefore = await standinCount(controlBase);
  const stageStarted = Date.now();
  const { result: stageDone, text: stageCpu } = await cpuPerItem(pids, USERS, async () => {
    await pool(USERS, 256, (i) => firstValueFrom(emitter.emit(Events.PushRequested, {
      messageId: `bench.stage.${i}`, userId: `urn:authenticateit:user:email:push-bench-${i + 1}@rewards.test`, title: 'Rewards', body: 'Bench push', payload: { type: 'timeline' },
    }), { defaultValue: undefined }));
    return waitForCount(controlBase, stageBefore + USERS);
  });
  const stageRate = USERS / ((stageDone - stageStarted) / 1000);
  console.log(`delivery stage (events → identity → FCM stand-in): ${USERS} deliveries in ${((stageDone - stageStarted) / 1000).toFixed(2)} s = ${Math.round(stageRate)} deliveries/s; ratio to baseline ${(stageRate / raw).toFixed(2)}; ${stageCpu}`);
}

// Bench of the certificates service, called over the Redis Streams transport as the gateway does:
//   - bulk-create 10,000 payment certificates in one call (target ≤ 100 ms),
//   - GET /users/certificates for a user with 1,000 certificates (target p95 ≤ 30 ms).
// Every number is measured against a baseline in the same run: the same service built from the
// baseline commit (bench/lib/baseline.mjs; BASELINE=0 skips it), called alternately with ours,
// each on its own throwaway PostgreSQL and Redis (so that CPU per request is per code path);
// bulk-create also against a bare INSERT … RETURNING of the same rows (no service, no transport).
// Both paths get the same requests; their list answers must be identical (ids and QR links masked).
//   npm run build && node bench/certificates.mjs      (BULK_ROUNDS=4, LIST_SAMPLES=200, MISS_SAMPLES=50, CPU_PROF=1)
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { firstValueFrom } from 'rxjs';
import { RedisStreamsClient, StreamRecord } from '#libs/transport';
import { CertificatesPattern } from '#libs/contracts';
import { scratchDir } from '../scripts/lib/infra.mjs';
import { baselineWanted, ensureBaselineBuild } from './lib/baseline.mjs';
import { treeCpuMs } from './lib/cpu.mjs';
import { startInfra, startProcess } from './lib/processes.mjs';
import { percentile, printReport, round2, row } from './lib/report.mjs';

const SYSTEM_PARTICIPANT = 'urn:authenticateit:participant:1';
const BULK_ROUNDS = Number(process.env.BULK_ROUNDS ?? 4);
const LIST_SAMPLES = Number(process.env.LIST_SAMPLES ?? 200);
const MISS_SAMPLES = Number(process.env.MISS_SAMPLES ?? 50);
const run = randomBytes(3).toString('hex');
const stops = [];

const session = (userId, currentParticipant) => JSON.stringify({ userId, name: userId, currentParticipant, roles: [], modules: [], ticketHash: 'bench' });
const http = (body = {}, extra = {}) => ({ body, params: {}, query: {}, ip: '127.0.0.1', headers: {}, contentType: 'application/json', ...extra });

async function startPath(name, cwd) {
  const infra = await startInfra();
  stops.unshift(infra.stop);
  const env = {
    DATABASE_URL: infra.databaseUrl, REDIS_URL: infra.redisUrl, LOG_LEVEL: 'log', HEALTH_PORT: '0',
    QR_SIGNING_SECRET: 'bench-secret-bench-secret-bench-secret',
  };
  const nodeArgs = process.env.CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.cwd()}/bench/profiles`, `--cpu-prof-name=certificates-${name}.cpuprofile`] : [];
  const proc = await startProcess(`certificates-${name}`, 'dist/apps/certificates/src/main.js', env, { readyLine: 'listening on the transport', cwd, nodeArgs });
  stops.unshift(proc.stop);
  // Each path speaks its own build's transport (the wire format moved since the baseline).
  const transport = await import(join(cwd ?? process.cwd(), 'dist/libs/transport/src/index.js'));
  const client = new transport.RedisStreamsClient({ url: infra.redisUrl, service: 'certificates', caller: 'gateway', timeoutMs: 29_000 });
  stops.unshift(() => client.close());
  const db = new pg.Client({ connectionString: infra.databaseUrl });
  await db.connect();
  stops.unshift(() => db.end());
  const send = (pattern, data, headers = {}, options = {}) => firstValueFrom(client.send(pattern, new transport.StreamRecord(data, { 'x-caller': 'gateway', ...headers }, options)));
  const cpu = () => ({ service: treeCpuMs(proc.child.pid), postgres: treeCpuMs(infra.postgresPid()), redis: treeCpuMs(infra.redisPids[0]) });
  return { name, send, db, cpu, redisUrl: infra.redisUrl, redisPid: infra.redisPids[0] };
}

/**
 * The transport floor of the list: a service whose handler answers the same 1 MB answer with no
 * database and no code of ours (bench/lib/fixed-answer-service.mjs), on ours' Redis: as an object
 * (`floor`: the transport stringifies it) or already encoded (`floor-encoded`: a RawJson).
 */
async function startFloor(ours, answer, encoded) {
  const name = encoded ? 'floor-encoded' : 'floor';
  const file = join(scratchDir('bench-floor'), 'answer.json');
  writeFileSync(file, JSON.stringify(answer));
  const env = { REDIS_URL: ours.redisUrl, SERVICE: `bench-${name}`, PATTERN: 'bench.floor', ANSWER_FILE: file, ANSWER_ENCODED: encoded ? '1' : '' };
  const proc = await startProcess(`fixed-answer-${name}`, 'bench/lib/fixed-answer-service.mjs', env, { readyLine: 'listening on the transport' });
  stops.unshift(proc.stop);
  const client = new RedisStreamsClient({ url: ours.redisUrl, service: `bench-${name}`, caller: 'gateway', timeoutMs: 29_000 });
  stops.unshift(() => client.close());
  return {
    name,
    send: (pattern, data, headers = {}, options = {}) => firstValueFrom(client.send('bench.floor', new StreamRecord(data, { 'x-caller': 'gateway', ...headers }, options))),
    cpu: () => ({ service: treeCpuMs(proc.child.pid), postgres: 0, redis: treeCpuMs(ours.redisPid) }),
  };
}

/** The bench's certificate requests: 50 items in 5 stores, 20 rounds, one promo code each. */
function issueRequest(user, participant, i) {
  return {
    issue_key: `bench-${run}-${i}`, user_id: user, text: `Certificate ${i}`, attribute_values: [],
    item: {
      id: `bench-item-${run}-${i % 50}`, name: `Item ${i % 50}`, price: 10, platform_price: 12, sku: `SKU-${i % 50}`,
      start_time: '2026-01-01T00:00:00Z', end_time: i % 10 === 0 ? '2020-01-01T00:00:00Z' : '2099-01-01T00:00:00Z',
      duration: 60, event_type: 'event', assets: [], participants_limit: 10,
      location: { address: 'Street 1', country: 'AU', city: 'Melbourne' },
      store: { id: 990000 + (i % 5), participant_id: participant, name: `Store ${i % 5}`, is_blogger: false, seller_type: 'shop', logo_url: null },
    },
    promo_code: { id: `bench-promo-${run}-${i}`, promo_code: `P-${i}`, discount_percent: 10, expired_at: '2099-01-01T00:00:00Z', is_for_winner: false },
    round: { id: `bench-round-${run}-${i % 20}`, uniq_id: `R-${i % 20}` },
  };
}

/**
 * The answer with what differs between two databases masked: certificate ids, their signed QR
 * links, and the order among certificates issued in the same instant (16 are issued at a time).
 */
function masked(answer) {
  const mask = (c) => JSON.stringify({ ...c, id: '<id>', qr_code: { ...c.qr_code, image_url: '<url>', private_image_url: '<url>' } });
  return JSON.stringify({ active: answer.active.map(mask).sort(), archival: answer.archival.map(mask).sort() });
}

/**
 * Answers are timed as the gateway relays them: up to the HTTP body's bytes (an already encoded
 * answer as it arrives; an object stringified, as the gateway's sendResult does with it).
 */
const httpBody = (answer) => (Buffer.isBuffer(answer?.bytes) ? answer.bytes : Buffer.from(JSON.stringify(answer)));

async function bareInsertMs(db, participant, items) {
  const t0 = performance.now();
  const { rows } = await db.query(
    `INSERT INTO certificates.payment_certificates (participant_id, code, is_active, value)
     SELECT $1, u.code, u.is_active, u.value FROM unnest($2::text[], $3::boolean[], $4::integer[]) AS u(code, is_active, value)
     RETURNING id, code, is_active, value`,
    [participant, items.map((i) => i.code), items.map((i) => i.is_active), items.map((i) => i.value)]);
  if (rows.length !== items.length) throw new Error('bare insert wrote the wrong number of rows');
  return performance.now() - t0;
}

/**
 * Lists timed right after one random certificate of the user got a new row version (a no-op
 * UPDATE, as a write of any field gives it): what a list costs when the last answer cannot be reused.
 */
async function listsAfterAChange(paths, user, list) {
  const times = new Map(paths.map((p) => [p.name, []]));
  for (let i = 0; i < MISS_SAMPLES; i++) {
    for (const p of i % 2 === 0 ? paths : [...paths].reverse()) {
      await p.db.query(`UPDATE certificates.user_certificates SET text = text
        WHERE id = (SELECT id FROM certificates.user_certificates WHERE user_id = $1 ORDER BY random() LIMIT 1)`, [user]);
      const t0 = performance.now();
      await list(p);
      times.get(p.name).push(performance.now() - t0);
    }
  }
  return times;
}

async function main() {
  const baseline = baselineWanted() ? ensureBaselineBuild() : undefined;
  const ours = await startPath('ours');
  const base = baseline ? await startPath('baseline', baseline.dir) : undefined;
  const paths = base ? [ours, base] : [ours];
  const participant = `urn:authenticateit:participant:${900000 + Math.floor(Math.random() * 99999)}`;
  for (const p of paths) {
    const created = await p.send(CertificatesPattern.ApiKeyCreate, http({ participant_id: participant }), { 'x-session': session('urn:bench:admin', SYSTEM_PARTICIPANT) });
    const caller = await p.send(CertificatesPattern.ApiKeyVerify, { key: (created.body ?? created).key });
    p.apiKey = { 'x-api-key-caller': JSON.stringify(caller) };
  }

  // Bulk-create: the paths alternate (and so does who goes first); the bare INSERT runs beside.
  const bulk = new Map(paths.map((p) => [p.name, []]));
  bulk.set('bare', []);
  const bulkCpu = new Map(paths.map((p) => [p.name, { service: 0, postgres: 0, redis: 0 }]));
  for (let r = -1; r < BULK_ROUNDS; r++) { // round -1 warms up
    const order = r % 2 === 0 ? [...paths].reverse() : paths;
    for (const p of order) {
      const items = Array.from({ length: 10_000 }, (_, i) => ({ code: `B-${run}-${p.name}-${r}-${i}`, value: i, is_active: i % 3 !== 0 }));
      const before = p.cpu();
      const t0 = performance.now();
      const body = await p.send(CertificatesPattern.PaymentBulkCreate, http(items), p.apiKey, { rawJson: true }).then(httpBody);
      const ms = performance.now() - t0;
      const after = p.cpu();
      const answer = JSON.parse(body.toString());
      if (answer.length !== 10_000 || answer[9_999].code !== items[9_999].code) throw new Error(`${p.name}: bulk-create answered the wrong rows`);
      if (r >= 0) {
        bulk.get(p.name).push(ms);
        for (const k of Object.keys(after)) bulkCpu.get(p.name)[k] += (after[k] - before[k]) / BULK_ROUNDS;
      }
    }
    const items = Array.from({ length: 10_000 }, (_, i) => ({ code: `B-${run}-bare-${r}-${i}`, value: i, is_active: i % 3 !== 0 }));
    const ms = await bareInsertMs(ours.db, `${participant}0`, items);
    if (r >= 0) bulk.get('bare').push(ms);
  }

  // 1,000 certificates for one user in each path (the same requests), 16 at a time.
  const user = `urn:authenticateit:user:email:bench-${run}@rewards.test`;
  const issueMs = {};
  for (const p of paths) {
    const t1 = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next < 1000) await p.send(CertificatesPattern.UserIssue, issueRequest(user, participant, next++));
    }));
    issueMs[p.name] = round2(performance.now() - t1);
  }

  const listHeaders = { 'x-session': session(user, 'urn:authenticateit:participant:999') };
  const list = (p) => p.send(CertificatesPattern.UserList, http(), listHeaders, { rawJson: true }).then(httpBody);
  const answers = {};
  for (const p of paths) {
    const answer = JSON.parse((await list(p)).toString());
    if (answer.active.length + answer.archival.length !== 1000) throw new Error(`${p.name}: the list answered the wrong number of certificates`);
    answers[p.name] = { bytes: Buffer.byteLength(JSON.stringify(answer)), masked: masked(answer) };
  }
  const identical = base ? answers.ours.masked === answers.baseline.masked : null;
  if (identical === false) {
    process.exitCode = 1;
    const [a, b2] = [JSON.parse(answers.ours.masked), JSON.parse(answers.baseline.masked)];
    const i = a.active.findIndex((x, k) => x !== b2.active[k]);
    console.log(`first difference (active[${i}]):\n  ours     ${a.active[i]}\n  baseline ${b2.active[i]}`);
  }
  const ourAnswer = JSON.parse((await list(ours)).toString());
  const listPaths = [...paths, await startFloor(ours, ourAnswer, false), await startFloor(ours, ourAnswer, true)];
  for (let i = 0; i < 20; i++) for (const p of listPaths) await list(p);
  const samples = new Map(listPaths.map((p) => [p.name, []]));
  // The paths are separate processes (and servers): CPU over the whole phase is per path.
  const cpuBefore = new Map(listPaths.map((p) => [p.name, p.cpu()]));
  for (let i = 0; i < LIST_SAMPLES; i++) {
    for (const p of i % 2 === 0 ? listPaths : [...listPaths].reverse()) {
      const t0 = performance.now();
      await list(p);
      samples.get(p.name).push(performance.now() - t0);
    }
  }
  const cpu = new Map(listPaths.map((p) => {
    const after = p.cpu();
    return [p.name, Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - cpuBefore.get(p.name)[k]]))];
  }));
  const cpuPer = (name) => Object.fromEntries(Object.entries(cpu.get(name)).map(([k, v]) => [k, round2(v / LIST_SAMPLES)]));
  const changed = await listsAfterAChange(paths, user, list);

  const b = (name, f) => (base ? f(name) : undefined);
  const median = (xs) => percentile(xs, 50);
  const listP = (name, p) => percentile(samples.get(name), p);
  const rows = [
    row('GET /users/certificates (1,000 certificates) p95', listP('ours', 95), b('baseline', (n) => listP(n, 95)), 'ms', 'lower', { max: 30 }),
    row('GET /users/certificates (1,000 certificates) p50', listP('ours', 50), b('baseline', (n) => listP(n, 50)), 'ms', 'lower'),
    row('  service CPU per list request', cpuPer('ours').service, b('baseline', (n) => cpuPer(n).service), 'ms', 'lower'),
    row('  PostgreSQL CPU per list request', cpuPer('ours').postgres, b('baseline', (n) => cpuPer(n).postgres), 'ms', 'lower'),
    row('  Redis CPU per list request', cpuPer('ours').redis, b('baseline', (n) => cpuPer(n).redis), 'ms', 'lower'),
    row(`GET /users/certificates p95 just after one of the 1,000 changed (${MISS_SAMPLES} lists)`, percentile(changed.get('ours'), 95), b('baseline', (n) => percentile(changed.get(n), 95)), 'ms', 'lower'),
    row('GET /users/certificates p95 vs the transport floor (same answer, no DB)', listP('ours', 95), listP('floor', 95), 'ms', 'lower'),
    row('GET /users/certificates p50 vs the transport floor', listP('ours', 50), listP('floor', 50), 'ms', 'lower'),
    row('  service CPU per list request vs the floor', cpuPer('ours').service, cpuPer('floor').service, 'ms', 'lower'),
    row('GET /users/certificates p95 vs the floor of an encoded answer (RawJson, no DB)', listP('ours', 95), listP('floor-encoded', 95), 'ms', 'lower'),
    row('  service CPU per list request vs the encoded floor', cpuPer('ours').service, cpuPer('floor-encoded').service, 'ms', 'lower'),
    row('  answer size', answers.ours.bytes, b('baseline', (n) => answers[n].bytes), 'bytes', 'equal'),
    row(`bulk-create 10,000 payment certificates (median of ${BULK_ROUNDS})`, median(bulk.get('ours')), b('baseline', (n) => median(bulk.get(n))), 'ms', 'lower', { max: 100 }),
    row('bulk-create 10,000 vs a bare INSERT … RETURNING (pg, no service)', median(bulk.get('ours')), median(bulk.get('bare')), 'ms', 'lower'),
    row('  service CPU per bulk-create', bulkCpu.get('ours').service, b('baseline', (n) => bulkCpu.get(n).service), 'ms', 'lower'),
    row('  PostgreSQL CPU per bulk-create', bulkCpu.get('ours').postgres, b('baseline', (n) => bulkCpu.get(n).postgres), 'ms', 'lower'),
    row('  Redis CPU per bulk-create', bulkCpu.get('ours').redis, b('baseline', (n) => bulkCpu.get(n).redis), 'ms', 'lower'),
    row('issue 1,000 user certificates (16 at a time)', issueMs.ours, b('baseline', (n) => issueMs[n]), 'ms', 'lower'),
  ];
  printReport('certificates', rows, {
    baselineCommit: baseline?.sha ?? null,
    answersIdentical: identical,
    bulkCreateMs: Object.fromEntries([...bulk].map(([k, v]) => [k, v.map(round2)])),
    listMs: Object.fromEntries(listPaths.map((p) => [p.name, { p50: round2(listP(p.name, 50)), p95: round2(listP(p.name, 95)), p99: round2(listP(p.name, 99)) }])),
  });
  if (identical !== null) console.log(`list answers of ours and the baseline ${identical ? 'are identical' : 'DIFFER'} (certificate ids and QR links masked)`);
}

try {
  await main();
} finally {
  for (const stop of stops) await stop().catch(() => {});
}

// Bench of the certificates service, called over the Redis Streams transport as the gateway does:
//   - bulk-create 10,000 payment certificates in one call (target < 1 s),
//   - GET /users/certificates for a user with 1,000 certificates (target p95 < 30 ms).
// Against a running system: REDIS_URL=redis://... node bench/certificates.mjs (a certificates
// replica must listen there). Otherwise it starts embedded PostgreSQL, redis-server and the
// built service (`npm run build` first). Prints one JSON line of results.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import { RedisStreamsClient, StreamRecord } from '#libs/transport';
import { freePort, startPostgres, startRedis } from '../scripts/lib/infra.mjs';
import { CertificatesPattern } from '#libs/contracts';

const SYSTEM_PARTICIPANT = 'urn:authenticateit:participant:1';
const run = randomBytes(3).toString('hex');
const stops = [];

async function startSystem() {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  const root = mkdtempSync(join(tmpdir(), 'bench-certificates-'));
  const pg = await startPostgres({ dataDir: join(root, 'pg'), port: await freePort(), database: 'bench' });
  stops.push(pg.stop);
  const redis = await startRedis({ port: await freePort(), dir: join(root, 'redis') });
  stops.push(redis.stop);
  const child = spawn(process.execPath, ['dist/apps/certificates/src/main.js'], {
    env: { ...process.env, DATABASE_URL: pg.url, REDIS_URL: redis.url, LOG_LEVEL: 'warn', QR_SIGNING_SECRET: 'bench-secret-bench-secret-bench-secret' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  stops.unshift(() => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }));
  return redis.url;
}

const session = (userId, currentParticipant) => JSON.stringify({ userId, name: userId, currentParticipant, roles: [], modules: [], ticketHash: 'bench' });
const http = (body = {}, extra = {}) => ({ body, params: {}, query: {}, ip: '127.0.0.1', headers: {}, contentType: 'application/json', ...extra });

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const round = (x) => Math.round(x * 100) / 100;

async function main() {
  const url = await startSystem();
  const client = new RedisStreamsClient({ url, service: 'certificates', caller: 'gateway', timeoutMs: 60_000 });
  const send = (pattern, data, headers = {}) => firstValueFrom(client.send(pattern, new StreamRecord(data, { 'x-caller': 'gateway', ...headers })));
  for (let i = 0; ; i++) {
    try { await send(CertificatesPattern.ApiKeyVerify, { key: 'probe' }); } catch (e) {
      if (e?.kind === 'unauthenticated') break;
      if (i > 240) throw new Error(`certificates service not reachable: ${JSON.stringify(e)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  const participant = `urn:authenticateit:participant:${900000 + Math.floor(Math.random() * 99999)}`;
  const created = await send(CertificatesPattern.ApiKeyCreate, http({ participant_id: participant }), { 'x-session': session('urn:bench:admin', SYSTEM_PARTICIPANT) });
  const caller = await send(CertificatesPattern.ApiKeyVerify, { key: (created.body ?? created).key });
  const apiKey = { 'x-api-key-caller': JSON.stringify(caller) };

  const bulk = [];
  for (let r = 0; r < 3; r++) {
    const items = Array.from({ length: 10_000 }, (_, i) => ({ code: `B-${run}-${r}-${i}`, value: i, is_active: i % 3 !== 0 }));
    const t0 = performance.now();
    const answer = await send(CertificatesPattern.PaymentBulkCreate, http(items), apiKey);
    bulk.push(round(performance.now() - t0));
    if (answer.length !== 10_000) throw new Error('bulk-create answered the wrong number of rows');
  }

  const user = `urn:authenticateit:user:email:bench-${run}@rewards.test`;
  const t1 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < 1000) {
      const i = next++;
      await send(CertificatesPattern.UserIssue, {
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
      });
    }
  }));
  const issueMs = performance.now() - t1;

  const listHeaders = { 'x-session': session(user, 'urn:authenticateit:participant:999') };
  const list = () => send(CertificatesPattern.UserList, http(), listHeaders);
  for (let i = 0; i < 20; i++) await list();
  const samples = [];
  let size = 0;
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    const answer = await list();
    samples.push(performance.now() - t0);
    if (answer.active.length + answer.archival.length !== 1000) throw new Error('user list answered the wrong number of certificates');
    size = JSON.stringify(answer).length;
  }
  samples.sort((a, b) => a - b);

  console.log(JSON.stringify({
    bulkCreate10kMs: bulk,
    issue1000Ms: round(issueMs),
    userList1000: { requests: samples.length, answerBytes: size, p50Ms: round(percentile(samples, 50)), p95Ms: round(percentile(samples, 95)), p99Ms: round(percentile(samples, 99)) },
  }));
  await client.close();
}

try {
  await main();
} finally {
  for (const stop of stops) await stop();
}

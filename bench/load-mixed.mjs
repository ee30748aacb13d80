// Mixed load on the whole system through the gateway, every process real (not a test):
// sign-ins, profile reads, session checks, payment-certificate lists through an API key and
// user certificates, run at the same time for N minutes. Prints throughput, p50/p99 per request
// type and the RSS of every process before and after (growth).
//   npm run build && node bench/load-mixed.mjs [--minutes 2] [--users 40]
// Uses DATABASE_URL / REDIS_URL when given, else a throwaway embedded PostgreSQL and redis-server.
import { readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { firstValueFrom } from 'rxjs';
import { RedisStreamsClient, StreamRecord } from '#libs/transport';
import { freePort } from '../scripts/lib/infra.mjs';
import { startInfra, startProcess } from './lib/processes.mjs';
import { BillingPattern } from '#libs/contracts';

const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const minutes = arg('minutes', 2);
const userCount = arg('users', 40);
const ADMIN = { email: 'bench-admin@rewards.test', password: 'bench-admin-password-1' };
const PASSWORD = 'bench-user-password-1';

/** Request types of the mix: connections each (closed loop, so the share follows their speed). */
const MIX = [
  { name: 'sign-in', connections: 2 },
  { name: 'profile', connections: 6 },
  { name: 'session-check', connections: 6 },
  { name: 'certificates-api-key', connections: 4 },
  { name: 'user-certificates', connections: 4 },
];

const rssKb = (pid) => {
  try { return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]); } catch { return NaN; }
};

async function call(base, method, path, { body, headers = {} } = {}) {
  const res = await fetch(`${base}${path}`, {
    method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json; try { json = JSON.parse(text); } catch { json = text; }
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
  return json;
}

function activationCode(outbox, email) {
  const mail = readdirSync(outbox).filter((f) => f.endsWith('.eml')).sort().map((f) => readFileSync(join(outbox, f), 'utf8')).filter((m) => m.includes(email)).pop() ?? '';
  const decoded = mail.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  return /\/identity-service\/account\/activate\/([A-Za-z0-9_-]+)/.exec(decoded)?.[1];
}

function runType(base, type, ctx, seconds) {
  let i = 0;
  const next = () => ctx.users[i++ % ctx.users.length];
  const ticketed = (path) => ({ method: 'GET', path, setupRequest: (req) => ({ ...req, headers: { authenticateit_identity_ticket: next().ticket } }) });
  const request = {
    'sign-in': { method: 'POST', path: '/identity-service/session', setupRequest: (req) => ({ ...req, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: next().email, password: PASSWORD }) }) },
    profile: ticketed('/identity-service/account'),
    'session-check': ticketed('/identity-service/session'),
    'certificates-api-key': { method: 'GET', path: '/external/payment-certificate', headers: { 'x-api-key': ctx.apiKey } },
    'user-certificates': ticketed('/users/certificates'),
  }[type.name];
  return autocannon({ url: base, connections: type.connections, duration: seconds, requests: [request] });
}

const infra = await startInfra();
const procs = [];
try {
  const port = await freePort();
  const outbox = join(infra.root, 'outbox');
  mkdirSync(outbox, { recursive: true });
  const env = {
    NODE_OPTIONS: '', DATABASE_URL: infra.databaseUrl, REDIS_URL: infra.redisUrl, LOG_LEVEL: 'log', HEALTH_PORT: '0',
    OUTBOX_DIR: outbox, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    PORT: String(port), HOST: '127.0.0.1', SIGNIN_MAX_FAILURES_PER_IP: '1000000',
  };
  for (const app of ['participants-billing', 'identity', 'rewards', 'certificates']) {
    procs.push(await startProcess(app, `dist/apps/${app}/src/main.js`, env, { readyLine: 'listening on the transport' }));
  }
  procs.push(await startProcess('gateway', `dist/apps/gateway/src/main.js`, env, { port }));
  const base = `http://127.0.0.1:${port}`;
  await new Promise((r) => setTimeout(r, 1000));

  // Seed: users with tickets, a participant with an API key and 200 payment certificates.
  const run = Date.now().toString(36);
  const users = [];
  for (let i = 0; i < userCount; i++) {
    const email = `bench-${run}-${i}@rewards.test`;
    await call(base, 'POST', '/identity-service/account', { body: { email, password: PASSWORD, first_name: `Bench${i}` } });
    await call(base, 'GET', `/identity-service/account/activate/${activationCode(outbox, email)}`);
    const { ticket } = await call(base, 'POST', '/identity-service/session', { body: { email, password: PASSWORD } });
    users.push({ email, ticket });
  }
  const admin = (await call(base, 'POST', '/identity-service/session', { body: ADMIN })).ticket;
  const billing = new RedisStreamsClient({ url: infra.redisUrl, service: 'participants-billing', caller: 'bench' });
  const prefix = String(8_000_000_000 + Math.floor(Math.random() * 999_999_999));
  const participant = await firstValueFrom(billing.send(BillingPattern.ParticipantCreate, new StreamRecord({ name: `Bench ${run}`, company_prefix: prefix }, {})));
  await billing.close();
  const { key: apiKey } = await call(base, 'POST', '/certificates/api-keys', { headers: { authenticateit_identity_ticket: admin }, body: { participant_id: participant.id, name: 'bench' } });
  const certs = Array.from({ length: 200 }, (_, i) => ({ code: `BENCH-${run}-${i}`, value: i }));
  await call(base, 'POST', '/external/payment-certificate/bulk-create', { headers: { 'x-api-key': apiKey }, body: certs });
  const ctx = { users, apiKey };

  // Warm-up (JIT, pools, caches), then RSS before.
  await Promise.all(MIX.map((t) => runType(base, t, ctx, 10)));
  const before = Object.fromEntries(procs.map((p) => [p.name, rssKb(p.child.pid)]));
  console.log(`mixed load for ${minutes} min through ${base} (${userCount} users)...`);
  // RSS every 15 s during the load: growth that levels off is heap warm-up, steady growth a leak.
  const samples = [];
  const sampler = setInterval(() => samples.push(Object.fromEntries(procs.map((p) => [p.name, rssKb(p.child.pid)]))), 15_000);
  const results = await Promise.all(MIX.map((t) => runType(base, t, ctx, Math.round(minutes * 60))));
  clearInterval(sampler);
  await new Promise((r) => setTimeout(r, 2000));
  const after = Object.fromEntries(procs.map((p) => [p.name, rssKb(p.child.pid)]));

  const rows = MIX.map((t, i) => {
    const r = results[i];
    return { type: t.name, connections: t.connections, rps: Math.round(r.requests.average), total: r.requests.total,
      p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts };
  });
  console.log('\ntype                    conns   req/s     total   p50 ms   p99 ms  non2xx  errors');
  for (const r of rows) {
    console.log(`${r.type.padEnd(22)} ${String(r.connections).padStart(5)} ${String(r.rps).padStart(7)} ${String(r.total).padStart(9)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)} ${String(r.non2xx).padStart(7)} ${String(r.errors).padStart(7)}`);
  }
  const totalRps = rows.reduce((s, r) => s + r.rps, 0);
  console.log(`${'all'.padEnd(22)} ${String(MIX.reduce((s, t) => s + t.connections, 0)).padStart(5)} ${String(totalRps).padStart(7)}`);
  console.log('\nprocess                  RSS before   RSS after   growth');
  for (const p of procs) {
    const b = before[p.name]; const a = after[p.name];
    const trend = samples.map((x) => (x[p.name] / 1024).toFixed(0)).join(' ');
    console.log(`${p.name.padEnd(22)} ${(b / 1024).toFixed(1).padStart(9)} MB ${(a / 1024).toFixed(1).padStart(9)} MB ${(((a - b) / b) * 100).toFixed(1).padStart(6)} %   every 15 s: ${trend}`);
  }
  console.log(JSON.stringify({ minutes, users: userCount, results: rows, rssKb: { before, after, samples } }));
} finally {
  await Promise.all(procs.map((p) => p.stop()));
  await infra.stop();
}
process.exit(0);

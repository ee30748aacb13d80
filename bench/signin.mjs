// Sign-in under load, every process real (not a test). Everything is reported as a ratio to a
// baseline measured in the same run (the machine is shared: absolute numbers drift):
// 1. argon2id verifications/s in this process for the library defaults and OWASP's rows, one at a
//    time and one per core;
// 2. through the gateway, for each identity configuration: sign-ins/s (16 clients, right
//    passwords) and the latency of one legitimate client while 40 parallel bogus sign-ins run
//    (unknown emails, from one attacker IP and from 40 IPs), with the status of every bogus answer.
//   npm run build && node bench/signin.mjs [--seconds 10]
import { readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import argon2 from 'argon2';
import { freePort } from '../scripts/lib/infra.mjs';
import { printReport, row } from './lib/report.mjs';
import { startInfra, startProcess } from './lib/processes.mjs';

const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const SECONDS = arg('seconds', 10);
const PASSWORD = 'bench-signin-password-1';
const ADMIN = { email: 'bench-admin@rewards.test', password: 'bench-admin-password-1' };

const PARAMETER_SETS = [
  ['library default m=64MiB t=3 p=4', { memoryCost: 65536, timeCost: 3, parallelism: 4 }],
  ['OWASP m=46MiB t=1 p=1', { memoryCost: 47104, timeCost: 1, parallelism: 1 }],
  ['OWASP m=19MiB t=2 p=1', { memoryCost: 19456, timeCost: 2, parallelism: 1 }],
  ['OWASP m=12MiB t=3 p=1', { memoryCost: 12288, timeCost: 3, parallelism: 1 }],
  ['OWASP m=9MiB t=4 p=1', { memoryCost: 9216, timeCost: 4, parallelism: 1 }],
  ['OWASP m=7MiB t=5 p=1', { memoryCost: 7168, timeCost: 5, parallelism: 1 }],
];

/** Identity configurations compared through the whole system; the first is the baseline. */
const CONFIGS = [
  { name: 'before: library defaults, no admission line', env: {
    PASSWORD_HASH_MEMORY_KIB: '65536', PASSWORD_HASH_TIME_COST: '3', PASSWORD_HASH_PARALLELISM: '4',
    PASSWORD_CHECK_CONCURRENCY: '64', PASSWORD_CHECK_QUEUE_MAX: '100000', PASSWORD_CHECK_QUEUE_PER_CLIENT: '100000', PASSWORD_CHECK_MAX_WAIT_MS: '60000' } },
  { name: 'OWASP m=19MiB t=2 p=1, no admission line', env: {
    PASSWORD_CHECK_CONCURRENCY: '64', PASSWORD_CHECK_QUEUE_MAX: '100000', PASSWORD_CHECK_QUEUE_PER_CLIENT: '100000', PASSWORD_CHECK_MAX_WAIT_MS: '60000' } },
  { name: 'now: OWASP m=19MiB t=2 p=1, fair admission (defaults)', env: {} },
];

async function verificationsPerSecond(params, parallel, ms = 2500) {
  const digest = await argon2.hash(PASSWORD, { type: argon2.argon2id, ...params });
  let done = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (performance.now() - start < ms || done < 2 * parallel) { await argon2.verify(digest, PASSWORD); done++; }
  }));
  return done / ((performance.now() - start) / 1000);
}

async function call(base, method, path, { body, headers = {} } = {}) {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, {
    method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, ms: performance.now() - started, body: text, retryAfter: res.headers.get('retry-after') };
}

function activationCode(outbox, email) {
  const mail = readdirSync(outbox).filter((f) => f.endsWith('.eml')).map((f) => readFileSync(join(outbox, f), 'utf8')).filter((m) => m.includes(email)).pop() ?? '';
  const decoded = mail.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  return /\/identity-service\/account\/activate\/([A-Za-z0-9_-]+)/.exec(decoded)?.[1];
}

const pct = (values, p) => { const s = [...values].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN; };
const tally = (statuses) => Object.fromEntries([...statuses.reduce((m, s) => m.set(s, (m.get(s) ?? 0) + 1), new Map())].sort());
const signIn = (base, email, password, ip) => call(base, 'POST', '/identity-service/session', { body: { email, password }, headers: { 'x-forwarded-for': ip } });

/** `clients` closed loops for `seconds`; answers with every status and latency. */
async function loops(clients, seconds, request) {
  const until = performance.now() + seconds * 1000;
  const results = [];
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    for (let i = 0; performance.now() < until; i++) results.push(await request(c, i));
  }));
  return results;
}

async function createUsers(base, outbox, tag, count) {
  const emails = Array.from({ length: count }, (_, i) => `bench-${tag}-${i}@rewards.test`);
  for (let i = 0; i < emails.length; i += 4) {
    await Promise.all(emails.slice(i, i + 4).map(async (email) => {
      const created = await call(base, 'POST', '/identity-service/account', { body: { email, password: PASSWORD }, headers: { 'x-forwarded-for': `10.1.${i}.1` } });
      if (created.status !== 200) throw new Error(`sign-up ${email}: ${created.status} ${created.body}`);
      const activated = await call(base, 'GET', `/identity-service/account/activate/${activationCode(outbox, email)}`);
      if (activated.status !== 200) throw new Error(`activate ${email}: ${activated.status}`);
    }));
  }
  return emails;
}

async function measureConfig(infra, config, index) {
  const port = await freePort();
  const outbox = join(infra.root, `outbox-${index}`);
  mkdirSync(outbox, { recursive: true });
  const env = {
    NODE_OPTIONS: '', DATABASE_URL: infra.databaseUrl, REDIS_URL: infra.redisUrl, LOG_LEVEL: 'log', HEALTH_PORT: '0',
    OUTBOX_DIR: outbox, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    PORT: String(port), HOST: '127.0.0.1', READY_REQUIRES_SERVICES: 'identity,participants-billing',
    // The lockout is not what is measured here: the bogus clients would be refused before any password check.
    SIGNIN_MAX_FAILURES_PER_IP: '100000000', SIGNIN_MAX_FAILURES_PER_ACCOUNT: '100000000', ...config.env,
  };
  const procs = [];
  try {
    for (const app of ['participants-billing', 'identity']) procs.push(await startProcess(app, `dist/apps/${app}/src/main.js`, env, { readyLine: 'listening on the transport' }));
    procs.push(await startProcess('gateway', 'dist/apps/gateway/src/main.js', env, { port }));
    const base = `http://127.0.0.1:${port}`;
    const users = await createUsers(base, outbox, `${Date.now().toString(36)}-${index}`, 16);
    // Warm-up: JIT, pools; also every hash now has this configuration's parameters.
    await loops(8, 3, (c, i) => signIn(base, users[(c * 7 + i) % users.length], PASSWORD, `10.2.${c}.1`));

    const good = await loops(16, SECONDS, (c, i) => signIn(base, users[(c * 5 + i) % users.length], PASSWORD, `10.3.${c}.1`));
    const ok = good.filter((r) => r.status === 200);
    const throughput = { perSecond: ok.length / SECONDS, p50: pct(ok.map((r) => r.ms), 50), p99: pct(ok.map((r) => r.ms), 99), statuses: tally(good.map((r) => r.status)) };

    const flood = async (attackerIp) => {
      let legit = [];
      const bogus = loops(40, SECONDS, (c, i) => signIn(base, `nobody-${c}-${i}@rewards.test`, 'guess-password', attackerIp(c)));
      const legitimate = loops(1, SECONDS, (_c, i) => signIn(base, users[i % users.length], PASSWORD, '10.9.9.9')).then((r) => { legit = r; });
      const [answers] = await Promise.all([bogus, legitimate]);
      const legitOk = legit.filter((r) => r.status === 200).map((r) => r.ms);
      return { legitCount: legit.length, legitFailed: legit.length - legitOk.length, p50: pct(legitOk, 50), p99: pct(legitOk, 99), max: Math.max(...legitOk),
        bogus: tally(answers.map((r) => r.status)), bogusPerSecond: answers.length / SECONDS };
    };
    const oneAttacker = await flood(() => '198.51.100.66');
    const manyAttackers = await flood((c) => `198.51.100.${100 + c}`);
    return { name: config.name, throughput, oneAttacker, manyAttackers };
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
  }
}

const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');

console.log(`argon2id verifications/s in one process (${availableParallelism()} cores), ratio to the library default:`);
const argonRows = [];
for (const [name, params] of PARAMETER_SETS) {
  const serial = await verificationsPerSecond(params, 1);
  const cores = await verificationsPerSecond(params, availableParallelism());
  argonRows.push({ name, serial, cores });
}
const [argonBase] = argonRows;
for (const r of argonRows) {
  console.log(`  ${r.name.padEnd(34)} serial ${fmt(r.serial).padStart(6)}/s (x${fmt(r.serial / argonBase.serial, 2)})   ${availableParallelism()} at once ${fmt(r.cores).padStart(6)}/s (x${fmt(r.cores / argonBase.cores, 2)})`);
}

const infra = await startInfra();
const results = [];
try {
  for (const [i, config] of CONFIGS.entries()) {
    console.log(`\nmeasuring "${config.name}" ...`);
    results.push(await measureConfig(infra, config, i));
  }
} finally {
  await infra.stop();
}
const [base] = results;
console.log(`\nsign-ins through the gateway (${SECONDS} s each; ratios to "${base.name}"):`);
for (const r of results) {
  console.log(`\n${r.name}`);
  console.log(`  16 clients, right passwords: ${fmt(r.throughput.perSecond)} sign-ins/s (x${fmt(r.throughput.perSecond / base.throughput.perSecond, 2)}), p50 ${fmt(r.throughput.p50, 0)} ms, p99 ${fmt(r.throughput.p99, 0)} ms, statuses ${JSON.stringify(r.throughput.statuses)}`);
  for (const [label, f, b] of [['40 bogus from 1 IP  ', r.oneAttacker, base.oneAttacker], ['40 bogus from 40 IPs', r.manyAttackers, base.manyAttackers]]) {
    console.log(`  ${label}: legitimate p50 ${fmt(f.p50, 0)} ms, p99 ${fmt(f.p99, 0)} ms (x${fmt(f.p99 / b.p99, 2)}), max ${fmt(f.max, 0)} ms, ${f.legitFailed}/${f.legitCount} legitimate failed; bogus ${fmt(f.bogusPerSecond)}/s ${JSON.stringify(f.bogus)}`);
  }
}
const now = results.at(-1);
const finite = (x) => (Number.isFinite(x) ? x : undefined); // the baseline's legitimate sign-ins may all have failed
printReport('signin', [
  row(`sign-ins/s, 16 clients (vs ${base.name})`, now.throughput.perSecond, base.throughput.perSecond, '/s', 'higher', { min: 40 }),
  row('legitimate p99 under 40 bogus from 40 IPs (vs before)', now.manyAttackers.p99, finite(base.manyAttackers.p99), 'ms', 'lower', { max: 1000 }),
  row('legitimate p99 under 40 bogus from 1 IP (vs before)', now.oneAttacker.p99, finite(base.oneAttacker.p99), 'ms', 'lower', { max: 1000 }),
], { seconds: SECONDS, argon: argonRows, results });
process.exit(0);

// Issue 3 benchmark: POST /identity-service/users/get over 1,000,000 users with statistics.
// Seeds with generate_series (one SQL statement per table), then times 20 typical requests
// through the real identity process over the transport (as the gateway sends them), and prints
// EXPLAIN (ANALYZE, BUFFERS) of the statements each request runs.
//   npm run build && node bench/users-search.mjs [--users 1000000] [--runs 5] [--explain]
// Uses DATABASE_URL / REDIS_URL when set, otherwise throwaway embedded Postgres and redis-server.
import { loadavg } from 'node:os';
import pg from 'pg';
import { firstValueFrom } from 'rxjs';
import { startInfra, startProcess } from './lib/processes.mjs';
import { printReport, row } from './lib/report.mjs';
import { RedisStreamsClient, StreamRecord } from '../dist/libs/transport/src/index.js';
import { listQueries } from '../dist/apps/identity/src/users-admin/users-query.js';
import { resolveTerms } from '../dist/apps/identity/src/users-admin/users-filters.js';
import { FrequentTrigrams } from '../dist/apps/identity/src/users-admin/frequent-trigrams.js';
import { UserSearchRepository } from '../dist/apps/identity/src/users-admin/user-search.repository.js';
import { IdentityPattern } from '#libs/contracts';

const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const USERS = arg('users', 1_000_000);
const RUNS = arg('runs', 5);
const EXPLAIN = process.argv.includes('--explain');
const ADMIN = { email: 'bench-admin@example.com', password: 'bench-password-1' };

const REQUESTS = [
  ['newest first (default page)', {}],
  ['by first_name asc', { order_by: 'first_name', order_type: 'asc', limit: 50 }],
  ['by last_name desc, offset 5000', { order_by: 'last_name', order_type: 'desc', offset: 5000 }],
  ['created desc, deep offset 200000', { order_by: 'created', order_type: 'desc', offset: 200_000 }],
  ['email contains "user12345"', { email: 'user12345' }],
  ['phone contains "928555"', { phone: '928555' }],
  ['first_name contains "ann" by created', { first_name: 'ann', order_by: 'created', order_type: 'desc' }],
  ['city contains "mel", last_name asc', { city: 'mel', order_by: 'last_name', order_type: 'asc' }],
  ['country 036 by created', { country: '036' }],
  ['level gold by total_balance desc', { level: 'gold', order_by: 'total_balance', order_type: 'desc' }],
  ['total_scans 100..120 by total_scans', { total_scans_from: 100, total_scans_to: 120, order_by: 'total_scans', order_type: 'desc' }],
  ['total_balance >= 900 coins', { total_balance_from: '900000000000000000000', order_by: 'total_balance', order_type: 'desc' }],
  ['last_access in the last 7 days', { last_access_from: new Date(Date.now() - 7 * 86_400_000).toISOString(), order_by: 'last_access', order_type: 'desc' }],
  ['created in 2025 H1', { created_from: '2025-01-01T00-00-00Z', created_to: '2025-06-30T23-59-59Z' }],
  ['permanent_ban_status active', { permanent_ban_status: 'active' }],
  ['device ios', { device: 'ios' }],
  ['reviews accepted 2019 (date_and_quantity)', { order_by: 'first_name', order_type: 'desc', limit: 2, total_reviews_accepted: { date_from: '2019-01-01', date_to: '2019-12-01', value_from: 1, value_to: 44 } }],
  ['linked_fb_flag', { linked_fb_flag: true }],
  ['gender female + language ru + by total_scans', { gender: 'female', language: 'ru', order_by: 'total_scans', order_type: 'desc' }],
  ['one profile by id', { id: `urn:authenticateit:user:email:user${Math.floor(USERS * 0.777) | 1}@bench.test` }],
];

console.log('starting Postgres and Redis...');
const infra = await startInfra();
console.log('starting identity...');
const procs = [];
const db = new pg.Client({ connectionString: infra.databaseUrl });
try {
  const common = { DATABASE_URL: infra.databaseUrl, REDIS_URL: infra.redisUrl, LOG_LEVEL: 'warn', HEALTH_PORT: '0' };
  const identityEnv = { ...common, LOG_LEVEL: 'log', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, OUTBOX_DIR: `${infra.root}/outbox` };
  procs.push(await startProcess('identity', 'dist/apps/identity/src/main.js', identityEnv, { readyLine: 'listening' }));
  await db.connect();
  console.log('identity ready');
  const existing = Number((await db.query(`SELECT count(*) FROM identity.users WHERE id LIKE 'urn:authenticateit:user:%:user%'`)).rows[0].count);
  if (existing < USERS) await seed(db, USERS);
  else console.log(`reusing ${existing} seeded users`);

  const client = new RedisStreamsClient({ url: infra.redisUrl, service: 'identity', caller: 'gateway', timeoutMs: 20_000 });
  const call = (pattern, body, session) => firstValueFrom(client.send(pattern, new StreamRecord(
    { body, params: {}, query: {}, ip: '127.0.0.1', headers: {}, contentType: 'application/json' },
    session ? { 'x-session': JSON.stringify(session) } : {})));
  const signedIn = await call(IdentityPattern.SessionCreate, ADMIN);
  const session = { userId: signedIn.id, name: signedIn.name, currentParticipant: signedIn.current_participant, roles: signedIn.roles, modules: signedIn.modules, ticketHash: 'bench' };

  const samples = [];
  const firsts = [];
  console.log(`\n${USERS} users; first call, then ${RUNS} timed runs per request; identity + Postgres + Redis local; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  for (const [label, body] of REQUESTS) {
    const t0 = process.hrtime.bigint();
    await call(IdentityPattern.UsersGet, body, session); // first call of this request (a cold plan, nothing cached)
    const first = Number(process.hrtime.bigint() - t0) / 1e6;
    firsts.push(first);
    const times = [];
    let count;
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = process.hrtime.bigint();
      const answer = await call(IdentityPattern.UsersGet, body, session);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      count = answer.count ?? (answer.id ? 1 : 0);
      bytes = JSON.stringify(answer).length;
    }
    times.sort((a, b) => a - b);
    samples.push(...times);
    console.log(`${label.padEnd(48)} first ${first.toFixed(1).padStart(7)} ms  then median ${times[Math.floor(times.length / 2)].toFixed(1).padStart(7)} ms  worst ${times.at(-1).toFixed(1).padStart(7)} ms  count ${String(count).padEnd(7)}  answer ${(bytes / 1024).toFixed(0)} KB`);
  }
  samples.sort((a, b) => a - b);
  firsts.sort((a, b) => a - b);
  console.log(`\nload average now ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`first calls: p50 ${pct(firsts, 50)} ms, p95 ${pct(firsts, 95)} ms, worst ${firsts.at(-1).toFixed(1)} ms`);
  console.log(`repeated calls (e.g. paging): ${samples.length} samples, p50 ${pct(samples, 50)} ms, p95 ${pct(samples, 95)} ms, worst ${samples.at(-1).toFixed(1)} ms`);
  printReport('users-search', [
    row(`users/get over ${USERS} users, first calls p95`, Number(pct(firsts, 95)), undefined, 'ms', 'lower', { max: 50 }),
    row('  first calls, worst', firsts.at(-1), undefined, 'ms', 'lower', { max: 200 }),
    row('  repeated calls p95', Number(pct(samples, 95)), undefined, 'ms', 'lower', { max: 50 }),
  ], { users: USERS, runs: RUNS });

  if (EXPLAIN) {
    const query = (sql, params) => db.query(sql, params).then((r) => r.rows);
    const frequent = await new FrequentTrigrams(new UserSearchRepository({ query })).sampled();
    for (const [label, body] of REQUESTS.filter(([, b]) => !b.id)) {
      const { count, page, rowwisePage } = listQueries(body, await resolveTerms(query, body), frequent);
      for (const [what, statement] of [['page', page], ['count', count], ...(rowwisePage ? [['page, walking the sort', rowwisePage]] : [])]) {
        const plan = (await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${statement.sql}`, statement.params)).rows.map((r) => r['QUERY PLAN']);
        console.log(`\n--- ${label} (${what})\n${plan.join('\n')}`);
      }
    }
  }
  await client.close();
} finally {
  await db.end().catch(() => {});
  for (const p of procs.reverse()) await p.stop();
  await infra.stop();
}

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)].toFixed(1);
}

async function seed(client, n) {
  const started = Date.now();
  const step = async (label, sql) => { const t = Date.now(); await client.query(sql); console.log(`seed: ${label} ${((Date.now() - t) / 1000).toFixed(1)} s`); };
  // Users as sign-ups create them: identity's triggers add their user_search rows (and name / city terms).
  await step('users', `
    INSERT INTO identity.users (id, reg_type, email, phone, first_name, last_name, gender, country, language, city, created_at, updated_at, activated_at, blocked_at)
    SELECT CASE WHEN i % 10 = 0 THEN 'urn:authenticateit:user:facebook:user' || i ELSE 'urn:authenticateit:user:email:user' || i || '@bench.test' END,
           CASE WHEN i % 10 = 0 THEN 'facebook' ELSE 'email' END,
           'user' || i || '@bench.test',
           '+7928' || lpad((i * 7919 % 10000000)::text, 7, '0'),
           (ARRAY['Anna','Boris','Chen','Dmitry','Elena','Fatima','George','Hana','Ivan','Julia','Karl','Lena','Maria','Nikolai','Olga','Pavel','Qi','Roman','Sveta','Tom'])[1 + i % 20] || (i % 997),
           (ARRAY['Ivanov','Smith','Wang','Petrova','Brown','Kim','Garcia','Muller','Rossi','Tanaka'])[1 + (i / 20) % 10] || (i % 991),
           CASE WHEN i % 3 = 0 THEN 'female' WHEN i % 3 = 1 THEN 'male' ELSE NULL END,
           (ARRAY['036','643','156','840','826','276'])[1 + i % 6],
           (ARRAY['en','ru','zh','de'])[1 + i % 4],
           (ARRAY['Melbourne','Moscow','Beijing','New York','London','Berlin','Sydney','Izhevsk'])[1 + i % 8],
           now() - make_interval(secs => (i * 104729 % (86400 * 1500))),
           now(), now(),
           CASE WHEN i % 500 = 0 THEN now() ELSE NULL END
    FROM generate_series(1::bigint, ${n}::bigint) AS i`);
  // What user.stats snapshots (coins, scans, level, buddies parts) and sign-ins (last_access) write.
  await step('statistics', `
    UPDATE identity.user_search x SET level = (ARRAY['basic','basic','basic','bronze','silver','gold','platinum'])[1 + h % 7],
      total_scans = h % 500, total_days_with_scans = least(h % 60, h % 500),
      total_balance = (h % 1000)::numeric * 1000000000000000000, account_balance = (h % 1000)::numeric * 1000000000000000000,
      last_access = CASE WHEN h % 5 = 0 THEN NULL ELSE now() - make_interval(secs => h % (86400 * 400)) END, total_buddies = h % 30,
      v_coins = 1, v_scans = 1, v_level = 1, v_buddies = 1
    FROM (SELECT uid, abs(hashtext(user_id)) AS h FROM identity.user_search) s WHERE s.uid = x.uid`);
  // The reviews part: the days of total_reviews_accepted (a trigger keeps each user's span) and its total.
  await step('review days', `
    INSERT INTO identity.user_search_days (metric, uid, day, value)
    SELECT m.id, x.uid, date '2019-01-01' + (abs(hashtext(x.user_id || 'd')) % 700), 1 + abs(hashtext(x.user_id || 'v')) % 5
    FROM identity.user_search x, identity.day_metrics m WHERE m.name = 'total_reviews_accepted' AND abs(hashtext(x.user_id)) % 5 = 0`);
  await step('review totals', `
    UPDATE identity.user_search x SET total_reviews_accepted = s.total, v_reviews = 1
    FROM identity.user_search_spans s JOIN identity.day_metrics m ON m.id = s.metric AND m.name = 'total_reviews_accepted' WHERE s.uid = x.uid`);
  await step('devices', `
    INSERT INTO identity.devices (type, device_id, user_id)
    SELECT (ARRAY['apns','gcm','gcm','baidu'])[1 + abs(hashtext(id)) % 4], 'dev-' || md5(id), id
    FROM identity.users WHERE abs(hashtext(id)) % 3 = 0`);
  await step('merged accounts', `
    INSERT INTO identity.merged_accounts (secondary_user_id, primary_user_id, secondary_reg_type)
    SELECT 'urn:authenticateit:user:facebook:user' || i, 'urn:authenticateit:user:email:user' || (i + 1) || '@bench.test', 'facebook'
    FROM generate_series(10, ${n} - 10, 1000) AS i`);
  // As autovacuum would soon do: statistics for the planner and the visibility map for index-only scans.
  await step('vacuum analyze', 'VACUUM ANALYZE identity.users, identity.user_search, identity.user_search_days, identity.user_search_spans, identity.search_terms, identity.devices, identity.merged_accounts');
  console.log(`seeded ${n} users in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

// Issue 2 benchmark: an authenticated one-hop read through the gateway
// (GET /identity-service/account: ticket check in Redis, transport hop, Postgres read) and the
// session check alone (GET /identity-service/session), each against a baseline run in the same
// script: the stock @nestjs/microservices Transport.REDIS doing the same hop, and a bare
// fastify + ioredis server doing the same Redis lookup.
//   node bench/gateway-read.mjs [--duration 10] [--connections 64] [--rounds 3]
// Ours-vs-baseline pairs run in alternating rounds of duration/2 s (median round of each).
import { freePort } from '../scripts/lib/infra.mjs';
import { startInfra, startProcess } from './lib/processes.mjs';
import { load, line } from './lib/load.mjs';
import { pacedLoad } from './lib/paced-load.mjs';
import { printReport, row } from './lib/report.mjs';
import { treeCpuMs } from './lib/cpu.mjs';

const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const duration = arg('duration', 10);
const connections = arg('connections', 64);
const TARGET_RATE = 3000;
const ROUNDS = arg('rounds', 3);
const roundSeconds = Math.max(2, Math.round(duration / 2));
const ADMIN = { email: 'bench-admin@example.com', password: 'bench-password-1' };

const infra = await startInfra();
const procs = [];
try {
  const common = { DATABASE_URL: infra.databaseUrl, REDIS_URL: infra.redisUrl, LOG_LEVEL: 'log', HEALTH_PORT: '0' };
  procs.push(await startProcess('participants-billing', 'dist/apps/participants-billing/src/main.js', common, { readyLine: 'listening' }));
  procs.push(await startProcess('rewards', 'dist/apps/rewards/src/main.js', common, { readyLine: 'listening' }));
  const identityEnv = { ...common, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, OUTBOX_DIR: `${infra.root}/outbox` };
  procs.push(await startProcess('identity', 'dist/apps/identity/src/main.js', identityEnv, { readyLine: 'listening' }));
  const gatewayPort = await freePort();
  procs.push(await startProcess('gateway', 'dist/apps/gateway/src/main.js', { ...common, PORT: String(gatewayPort), HOST: '127.0.0.1' }, { port: gatewayPort }));
  const base = `http://127.0.0.1:${gatewayPort}`;
  const ticket = await signIn(base);
  const auth = { authenticateit_identity_ticket: ticket };

  /** The bench front and `replicas` copies of the bench service on one transport. */
  const oneHop = async (transport, replicas = 1) => {
    const env = { ...common, BENCH_TRANSPORT: transport };
    const services = [];
    for (let i = 0; i < replicas; i++) {
      services.push(await startProcess(`${transport}-service-${i}`, 'dist/test/fixtures/bench-one-hop/service-main.js', env, { readyLine: 'ready' }));
    }
    const port = await freePort();
    const front = await startProcess(`${transport}-front`, 'dist/test/fixtures/bench-one-hop/front-main.js', { ...env, PORT: String(port) }, { port });
    const pids = { front: front.child.pid, redis: infra.redisPids[0], postgres: infra.postgresPid(), ...Object.fromEntries(services.map((p, i) => [`service${i}`, p.child.pid])) };
    const stopServices = async () => { for (const p of services.splice(0)) await p.stop(); };
    return { url: `http://127.0.0.1:${port}`, pids, stopServices, stop: async () => { await front.stop(); await stopServices(); } };
  };
  /** CPU µs per request of each process while `work` runs: where a path spends the cores. */
  const cpuPerRequest = async (pids, work) => {
    const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, treeCpuMs(pid)]));
    const r = await work();
    const split = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, Math.round(((treeCpuMs(pid) - before[k]) * 1000) / r.total)]));
    console.log(`  CPU µs per request: ${Object.entries(split).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    return { ...r, cpu: split };
  };
  const run = async (label, url) => {
    await load({ url, headers: auth, connections, duration: 2 }); // warm-up
    const r = await load({ url, headers: auth, connections, duration });
    console.log(line(label, r));
    return r;
  };
  /** ROUNDS alternating rounds of each [label, pids, url]; per path the round of median rate (CPU per request of that round). */
  const alternate = async (paths) => {
    const rounds = paths.map(() => []);
    for (const [, , url] of paths) await load({ url, headers: auth, connections, duration: 2 }); // warm-up
    for (let r = 0; r < ROUNDS; r++) {
      for (const [i, [label, pids, url]] of paths.entries()) {
        rounds[i].push(await cpuPerRequest(pids, async () => {
          const res = await load({ url, headers: auth, connections, duration: roundSeconds });
          console.log(line(`${label}, round ${r + 1}`, res));
          return res;
        }));
      }
    }
    return rounds.map((rs) => [...rs].sort((a, b) => a.rps - b.rps)[Math.floor(rs.length / 2)]);
  };
  console.log(`duration ${duration}s, ${connections} connections, 2-core machine; every process on this machine`);

  // 1. The real route: gateway -> identity, which answers from its own tables (profile,
  //    memberships, participant summaries and rewards' account summary) in one statement.
  const routePids = { gateway: procs.at(-1).child.pid, identity: procs.at(-2).child.pid, redis: infra.redisPids[0], postgres: infra.postgresPid() };
  const account = await cpuPerRequest(routePids, () => run('gateway GET /identity-service/account', `${base}/identity-service/account`));
  // Open loop at 70 % of that rate (bench/lib/paced-load.mjs: autocannon's rate cap sends in bursts).
  const paced = await pacedLoad({ url: `${base}/identity-service/account`, headers: auth, connections, duration, rate: Math.round(account.rps * 0.7) });
  console.log(line('  same at 70% of that rate, paced', paced));
  // The issue's cell reads "≥ 3,000 req/s; p99 ≤ 25 ms at 70 % of that rate": also at 70 % of the target rate.
  const pacedTarget = await pacedLoad({ url: `${base}/identity-service/account`, headers: auth, connections, duration, rate: TARGET_RATE * 0.7 });
  console.log(line(`  same at 70% of ${TARGET_RATE} req/s, paced`, pacedTarget));
  if (process.env.BENCH_COMPARE_CAPPED) console.log(line('  same, autocannon rate cap', await load({ url: `${base}/identity-service/account`, headers: auth, connections, duration, rate: Math.round(account.rps * 0.7) })));

  // 1b. The same with identity's answer cache off (ACCOUNT_CACHE_SIZE=0): every read is the
  //     one-statement read, as for a user whose answer is not kept (first read, or just changed).
  await procs[2].stop();
  procs[2] = await startProcess('identity-uncached', 'dist/apps/identity/src/main.js', { ...identityEnv, ACCOUNT_CACHE_SIZE: '0' }, { readyLine: 'listening' });
  const uncached = await cpuPerRequest({ ...routePids, identity: procs[2].child.pid },
    () => run('gateway GET /identity-service/account, answer cache off', `${base}/identity-service/account`));

  // 2. One hop, same front, same handler, same SQL: our transport against the stock one, both
  //    running, measured in alternating rounds (median of each): this machine's speed drifts
  //    between runs more than the two paths differ, and alternation spreads the drift over both.
  const ours = await oneHop('ours');
  const stock = await oneHop('stock');
  const [oursHop, stockHop] = await alternate([
    ['one hop, Redis Streams (ours)', ours.pids, `${ours.url}/account`],
    ['one hop, stock Transport.REDIS', stock.pids, `${stock.url}/account`],
  ]);
  await ours.stop();
  await stock.stopServices(); // its front stays for the session baseline; a stock service left would also get every request below

  // 2b. Two replicas of the service: ours hands each request to one of them, the stock
  //     transport (pub/sub) runs every request on both. Alternating rounds as above: both sets
  //     run side by side, each idle while the other is measured.
  const ours2 = await oneHop('ours', 2);
  const stock2 = await oneHop('stock', 2);
  const [oursTwo, stockTwo] = await alternate([
    ['one hop, ours, 2 service replicas', ours2.pids, `${ours2.url}/account`],
    ['one hop, stock, 2 service replicas', stock2.pids, `${stock2.url}/account`],
  ]);
  await ours2.stop();
  await stock2.stop();

  // 3. Session check: the gateway answers it from Redis itself; baseline is bare fastify + ioredis.
  const [session, bare] = await alternate([
    ['gateway GET /identity-service/session', { gateway: procs.at(-1).child.pid, redis: infra.redisPids[0] }, `${base}/identity-service/session`],
    ['bare fastify + ioredis, same lookup', { front: stock.pids.front, redis: infra.redisPids[0] }, `${stock.url}/session`],
  ]);
  await stock.stop();

  printReport('gateway-read', [
    row('GET /identity-service/account (vs one stock hop)', account.rps, stockHop.rps, 'req/s', 'higher', { min: TARGET_RATE }),
    // The issue's target is read as written ("≥ 3,000 req/s; p99 ≤ 25 ms at 70 % of that rate"): at 70 % of
    // 3,000 req/s. The tail at 70 % of what this run reached is shown beside it, without a target.
    row('  p99 at 70 % of the measured rate', paced.p99, undefined, 'ms', 'lower'),
    row(`  p99 at 70 % of the target (${TARGET_RATE * 0.7} req/s)`, pacedTarget.p99, undefined, 'ms', 'lower', { max: 25 }),
    row('GET /identity-service/account, answer cache on vs off', account.rps, uncached.rps, 'req/s', 'higher'),
    row('one hop, ours vs stock Transport.REDIS', oursHop.rps, stockHop.rps, 'req/s', 'higher', { ratioMin: 1.0 }),
    row('one hop with 2 service replicas, ours vs stock', oursTwo.rps, stockTwo.rps, 'req/s', 'higher', { ratioMin: 1.5 }),
    row('session check vs bare fastify + ioredis', session.rps, bare.rps, 'req/s', 'higher', { ratioMin: 0.9 }),
  ], { duration, connections, rounds: ROUNDS, roundSeconds, errors: { account: account.errors, paced: paced.errors, pacedTarget: pacedTarget.errors }, cpuPerRequest: { account: account.cpu, uncached: uncached.cpu, ours: oursHop.cpu, stock: stockHop.cpu, oursTwo: oursTwo.cpu, stockTwo: stockTwo.cpu } });
} finally {
  for (const p of procs.reverse()) await p.stop();
  await infra.stop();
}

async function signIn(base) {
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${base}/identity-service/session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN),
    });
    const body = await res.json();
    if (res.ok && body.ticket) return body.ticket;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('could not sign in as the bench admin');
}

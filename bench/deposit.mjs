// Bench of the participants-billing deposit: 100 concurrent charges (with a 10 % balance fee)
// against one participant's balance, called over the Redis Streams transport as other services
// do. Checks that the final balance is exact (balance row = ledger sum = expected), that no
// charge saw a negative balance, and prints throughput. Several rounds, each on a new participant.
// Against a running system: REDIS_URL=redis://... node bench/deposit.mjs (a participants-billing
// replica must listen there). Otherwise it starts embedded PostgreSQL, redis-server and the
// built service (`npm run build` first). Env: ROUNDS (default 5), CHARGES (default 100).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import { RedisStreamsClient, StreamRecord } from '#libs/transport';
import { freePort, scratchDir, startPostgres, startRedis } from '../scripts/lib/infra.mjs';
import { printReport, row } from './lib/report.mjs';
import { BillingPattern, Header, SYSTEM_PARTICIPANT_ID } from '#libs/contracts';

const COIN = 10n ** 18n;
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const CHARGES = Number(process.env.CHARGES ?? 100);
const run = randomBytes(3).toString('hex');
const stops = [];

async function startSystem() {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  const root = scratchDir('bench-deposit');
  const pg = await startPostgres({ dataDir: join(root, 'pg'), port: await freePort(), database: 'bench' });
  stops.push(pg.stop);
  const redis = await startRedis({ port: await freePort(), dir: join(root, 'redis') });
  stops.push(redis.stop);
  const child = spawn(process.execPath, ['dist/apps/participants-billing/src/main.js'], {
    env: { ...process.env, DATABASE_URL: pg.url, REDIS_URL: redis.url, LOG_LEVEL: 'warn', STRIPE_API_BASE: 'http://127.0.0.1:9' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  stops.unshift(() => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }));
  return redis.url;
}

async function waitReady(call) {
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      await call(BillingPattern.ParticipantsSummaries, { ids: [] });
      return;
    } catch (error) {
      if (Date.now() > until) throw new Error(`participants-billing not ready: ${error?.message}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

const url = await startSystem();
const client = new RedisStreamsClient({ url, service: 'participants-billing', caller: 'bench', timeoutMs: 20_000 });
const call = (pattern, data) => firstValueFrom(client.send(pattern, data));
// HTTP patterns as the gateway relays them: its caller name and the session of a system-participant operator.
const operator = JSON.stringify({ userId: 'urn:authenticateit:user:email:bench-operator@example.com', name: 'bench', currentParticipant: SYSTEM_PARTICIPANT_ID, roles: [], modules: [], ticketHash: 'bench' });
const http = (pattern, params, body) => call(pattern, new StreamRecord({ body, params, query: {}, ip: '127.0.0.1', headers: {} }, { [Header.Caller]: 'gateway', [Header.Session]: operator }));

try {
  await waitReady(call);
  // Funds for 90 % of the charges: the last ones must be rejected, never overdraw.
  const amount = 10n * COIN;
  const perCharge = amount + amount / 10n;
  const funded = perCharge * BigInt(Math.floor(CHARGES * 0.9));
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const p = await call(BillingPattern.ParticipantCreate, { name: `bench ${run} ${round}`, company_prefix: `9${String(Date.now()).slice(-8)}${round}`.slice(0, 13) });
    await call(BillingPattern.DepositCredit, { participantId: p.id, amount: funded.toString(), idempotencyKey: 'funds' });
    await http(BillingPattern.DepositSetFee, { id: p.id }, { type: 'percentages', value: 10, status: 'active', source: 'balance' });
    const started = performance.now();
    const results = await Promise.allSettled(Array.from({ length: CHARGES }, (_, i) =>
      call(BillingPattern.DepositCharge, { participantId: p.id, amount: amount.toString(), idempotencyKey: `c${i}` })));
    const ms = performance.now() - started;
    const ok = results.filter((r) => r.status === 'fulfilled').map((r) => r.value);
    const failed = results.filter((r) => r.status === 'rejected');
    const unexpected = failed.filter((r) => r.reason?.code !== 'billing.insufficient_funds');
    const expected = funded - perCharge * BigInt(ok.length);
    const { coins } = await http(BillingPattern.DepositGet, { id: p.id }, {});
    const negative = ok.some((r) => BigInt(r.balance) < 0n);
    const exact = BigInt(coins) === expected && expected >= 0n && expected < perCharge && unexpected.length === 0 && !negative;
    rounds.push({ ok: ok.length, rejected: failed.length, ms: Math.round(ms), chargesPerSecond: Math.round(CHARGES / (ms / 1000)), finalBalance: coins, exact });
    if (!exact) console.error('round', round, { coins, expected: expected.toString(), unexpected: unexpected.map((r) => r.reason) });
  }
  const sorted = [...rounds].sort((a, b) => a.chargesPerSecond - b.chargesPerSecond);
  console.log(JSON.stringify({
    bench: 'deposit', concurrentCharges: CHARGES, rounds,
    medianChargesPerSecond: sorted[Math.floor(sorted.length / 2)].chargesPerSecond,
    allExact: rounds.every((r) => r.exact),
  }));
  printReport('deposit', [row(`${CHARGES} concurrent charges on one deposit, median`, sorted[Math.floor(sorted.length / 2)].chargesPerSecond, undefined, 'charges/s', 'higher')],
    { allExact: rounds.every((r) => r.exact) });
  process.exitCode = rounds.every((r) => r.exact) ? 0 : 1;
} finally {
  await client.close();
  for (const stop of stops) await stop();
}

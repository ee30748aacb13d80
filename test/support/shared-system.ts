// One system per jest worker, shared by the suites that need nothing of their own (no env of
// their own, no restarts): the first of them in a worker starts it, the next ones find it
// running, and the global teardown stops it. Starting five processes is most of what a
// system suite costs, so those suites pay it once per worker instead of once each. It logs at
// debug, so test/ops/log-hygiene.e2e.ts greps what every suite before it did there too.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { oauthStandinsAt, startOAuthStandins, type OAuthStandinsApi } from '../identity/oauth-support.js';
import { STRIPE_KEY, startStripeStandin, stripeStandinAt, type StripeStandinApi } from '../participants-billing/support/harness.js';
import { stopPids } from '../setup/stop-pids.mjs';
import { answers200 } from './processes.js';
import { freshDatabase } from './service-harness.js';
import { freshRedisDatabase, startSystem, type RunningSystem } from './system.js';

export interface SharedSystem extends RunningSystem {
  stripe: StripeStandinApi;
  oauth: OAuthStandinsApi;
}

/** What the next suite of the worker (and the global teardown) needs to find the system. */
interface SharedState {
  baseUrl: string; redisUrl: string; databaseUrl: string; outboxDir: string;
  stripeBase: string; oauthBase: string; logDir: string; pids: number[];
}

/** Identity's own limits (sign-in failures, codes) would answer 429 and hide the handlers from the fuzz, and lock out the suites that follow. */
const NO_IDENTITY_LIMITS = {
  SIGNIN_MAX_FAILURES_PER_IP: '1000000', SIGNIN_MAX_FAILURES_PER_ACCOUNT: '1000000', CODE_REQUESTS_PER_IP_PER_HOUR: '1000000',
  ACCOUNT_CHECKS_PER_IP_PER_MINUTE: '1000000', SMS_CODES_PER_PHONE_PER_HOUR: '1000000', RESTORE_MAILS_PER_EMAIL_PER_HOUR: '1000000',
};
const SHARED_REDIS_DB = 15;

const stateFile = () => join(process.env.TEST_TMP_DIR ?? '/tmp', `shared-system-${process.env.JEST_WORKER_ID ?? '1'}.json`);

export async function sharedSystem(): Promise<SharedSystem> {
  const file = stateFile();
  if (existsSync(file)) {
    const state = JSON.parse(readFileSync(file, 'utf8')) as SharedState;
    if (await answers200(`${state.baseUrl}/health/ready`)) return attach(state);
    await stopShared(file);
  }
  const state = await startShared();
  writeFileSync(file, JSON.stringify(state));
  return attach(state);
}

async function startShared(): Promise<SharedState> {
  const logDir = join(process.env.TEST_TMP_DIR ?? '/tmp', `shared-system-${process.env.JEST_WORKER_ID ?? '1'}-logs`);
  mkdirSync(logDir, { recursive: true });
  const [stripe, oauth, database] = await Promise.all([
    startStripeStandin({}, join(logDir, 'stripe-standin.log')),
    startOAuthStandins(join(logDir, 'oauth-standins.log')),
    freshDatabase(process.env.TEST_DATABASE_URL!, 'shared'),
  ]);
  const sys = await startSystem(
    { ...oauth.env, ...NO_IDENTITY_LIMITS, LOG_LEVEL: 'debug', STRIPE_API_BASE: stripe.base, STRIPE_SECRET_KEY: STRIPE_KEY, REDIS_URL: await freshRedisDatabase(SHARED_REDIS_DB) },
    { databaseUrl: database.url, logDir },
  );
  return {
    baseUrl: sys.baseUrl, redisUrl: sys.redisUrl, databaseUrl: sys.databaseUrl, outboxDir: sys.outboxDir,
    stripeBase: stripe.base, oauthBase: oauth.base, logDir,
    pids: [stripe.child, oauth.child, ...Object.values(sys.processes).map((p) => p.child)].map((c) => c.pid!),
  };
}

function attach(state: SharedState): SharedSystem {
  const notHere = () => { throw new Error('the shared system is not restarted by a suite: start a system of its own (startSystem)'); };
  return {
    baseUrl: state.baseUrl, redisUrl: state.redisUrl, databaseUrl: state.databaseUrl, outboxDir: state.outboxDir,
    processes: {},
    output: (app) => readFileSync(join(state.logDir, `${app}.log`), 'utf8'),
    logs: () => readdirSync(state.logDir).map((f) => `--- ${f}\n${readFileSync(join(state.logDir, f), 'utf8')}`).join('\n'),
    stop: async () => undefined, // the global teardown stops it, after the worker's last suite
    restart: async () => notHere(),
    stripe: stripeStandinAt(state.stripeBase),
    oauth: oauthStandinsAt(state.oauthBase),
  };
}

/** Stops the processes a state file lists and forgets them. */
async function stopShared(file: string): Promise<void> {
  await stopPids((JSON.parse(readFileSync(file, 'utf8')) as SharedState).pids);
  writeFileSync(file, JSON.stringify({ pids: [] }));
}

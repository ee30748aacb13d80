// One system per jest worker, shared by the suites that need no env of their own: the first of
// them in a worker starts it, the next ones find it running, and the global teardown stops it.
// Starting five processes is most of what a system suite costs, so those suites pay it once per
// worker instead of once each. A suite may stop and restart one of its apps (it runs alone in its
// worker meanwhile); if one is left down, the next suite starts the system afresh. It logs at
// debug, so test/ops/log-hygiene.e2e.ts greps what every suite before it did there too.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { oauthStandinsAt, startOAuthStandins, type OAuthStandinsApi } from '../identity/oauth-support.js';
import { STRIPE_KEY, startStripeStandin, stripeStandinAt, type StripeStandinApi } from '../participants-billing/support/harness.js';
import { stopPids } from '../setup/stop-pids.mjs';
import { answers200, freePort } from './processes.js';
import { freshDatabase } from './service-harness.js';
import { APPS, type AppProcess, freshRedisDatabase, startApp, startSystem, type RunningSystem } from './system.js';

export interface SharedSystem extends RunningSystem {
  stripe: StripeStandinApi;
  oauth: OAuthStandinsApi;
}

/** What the next suite of the worker (and the global teardown) needs to find the system. */
interface SharedState {
  baseUrl: string; redisUrl: string; databaseUrl: string; outboxDir: string; stripeBase: string; oauthBase: string;
  logDir: string; envs: Record<string, Record<string, string>>;
  /** By app, and the stand-ins. */
  pids: Record<string, number>;
}

/** Identity's own limits (sign-in failures, codes) would answer 429 and hide the handlers from the fuzz, and lock out the suites that follow. */
const NO_IDENTITY_LIMITS = {
  SIGNIN_MAX_FAILURES_PER_IP: '1000000', SIGNIN_MAX_FAILURES_PER_ACCOUNT: '1000000', CODE_REQUESTS_PER_IP_PER_HOUR: '1000000',
  ACCOUNT_CHECKS_PER_IP_PER_MINUTE: '1000000', SMS_CODES_PER_PHONE_PER_HOUR: '1000000', RESTORE_MAILS_PER_EMAIL_PER_HOUR: '1000000',
};
const SHARED_REDIS_DB = 15;

const worker = () => process.env.JEST_WORKER_ID ?? '1';
const stateFile = () => join(process.env.TEST_TMP_DIR ?? '/tmp', `shared-system-${worker()}.json`);
const readState = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as SharedState;

export async function sharedSystem(): Promise<SharedSystem> {
  const file = stateFile();
  if (existsSync(file)) {
    if (await readyWithin(`${readState(file).baseUrl}/health/ready`, 5000)) return attach(file);
    await stopPids(Object.values(readState(file).pids));
  }
  writeFileSync(file, JSON.stringify(await startShared()));
  return attach(file);
}

/** An app the suite before restarted may take a heartbeat or two to show as up. */
async function readyWithin(url: string, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!(await answers200(url))) {
    if (Date.now() >= until) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
  return true;
}

async function startShared(): Promise<SharedState> {
  const logDir = join(process.env.TEST_TMP_DIR ?? '/tmp', `shared-system-${worker()}-logs`);
  mkdirSync(logDir, { recursive: true });
  const [stripe, oauth, database] = await Promise.all([
    startStripeStandin({}, join(logDir, 'stripe-standin.log')),
    startOAuthStandins(join(logDir, 'oauth-standins.log')),
    freshDatabase(process.env.TEST_DATABASE_URL!, 'shared'),
  ]);
  // A health port of its own per app, so a suite can scrape /metrics and /health (envOf(app).HEALTH_PORT).
  const envFor: Record<string, Record<string, string>> = {};
  for (const app of APPS) envFor[app] = { HEALTH_PORT: String(await freePort()) };
  const sys = await startSystem(
    { ...oauth.env, ...NO_IDENTITY_LIMITS, LOG_LEVEL: 'debug', STRIPE_API_BASE: stripe.base, STRIPE_SECRET_KEY: STRIPE_KEY, REDIS_URL: await freshRedisDatabase(SHARED_REDIS_DB) },
    { databaseUrl: database.url, logDir, envFor },
  ).catch(async (error) => { await Promise.all([stripe.stop(), oauth.stop()]); throw error; });
  const pids: Record<string, number> = { 'stripe-standin': stripe.child.pid!, 'oauth-standins': oauth.child.pid! };
  for (const app of APPS) pids[app] = sys.processes[app].child.pid!;
  return {
    baseUrl: sys.baseUrl, redisUrl: sys.redisUrl, databaseUrl: sys.databaseUrl, outboxDir: sys.outboxDir, stripeBase: stripe.base,
    oauthBase: oauth.base, logDir, envs: Object.fromEntries(APPS.map((app) => [app, sys.envOf(app)])), pids,
  };
}

function attach(file: string): SharedSystem {
  const state = readState(file);
  const logOf = (app: string) => join(state.logDir, `${app}.log`);
  const output = (app: string) => readFileSync(logOf(app), 'utf8');
  const processes: Record<string, AppProcess> = Object.fromEntries(APPS.map((app) => [app, {
    output: () => output(app),
    stop: () => stopPids([readState(file).pids[app]]),
  }]));
  return {
    baseUrl: state.baseUrl, redisUrl: state.redisUrl, databaseUrl: state.databaseUrl, outboxDir: state.outboxDir,
    processes,
    envOf: (app) => state.envs[app],
    output,
    logs: () => readdirSync(state.logDir).map((f) => `--- ${f}\n${readFileSync(join(state.logDir, f), 'utf8')}`).join('\n'),
    stop: async () => undefined, // the global teardown stops it, after the worker's last suite
    restart: async (app, env = {}) => {
      const { child } = await startApp(app, { ...state.envs[app], ...env }, logOf(app));
      const now = readState(file);
      writeFileSync(file, JSON.stringify({ ...now, pids: { ...now.pids, [app]: child.pid } }));
    },
    stripe: stripeStandinAt(state.stripeBase),
    oauth: oauthStandinsAt(state.oauthBase),
  };
}

import pg from 'pg';
import { SYSTEM_PARTICIPANT_ID, type HttpRequestPayload, type SessionInfo, BillingPattern } from '#libs/contracts';
import type { WireError } from '#libs/errors';
import { fixtureMain, startProcess, type Started } from '../../support/processes.js';
import { freshDatabase, type ServiceHarness, startServiceHarness } from '../../support/service-harness.js';

/** A fresh database per suite (a copy of the migrated template unless `empty`), with a client on it. */
export async function createDatabase(opts: { empty?: boolean } = {}): Promise<{ url: string; query: (sql: string, params?: unknown[]) => Promise<pg.QueryResult>; close: () => Promise<void> }> {
  const { url, drop } = await freshDatabase(process.env.TEST_DATABASE_URL!, 'billing', opts);
  const db = new pg.Client({ connectionString: url });
  db.on('error', () => undefined); // the server going away at teardown is not a test failure
  await db.connect();
  return { url, query: (sql, params) => db.query(sql, params), close: async () => { await db.end(); await drop(); } };
}

export interface StripeStandinApi {
  base: string;
  /** What the stand-in holds; `settle`: once every queued webhook delivery is done. */
  state: (opts?: { settle?: boolean }) => Promise<StandinState>;
  /** A test hook (`/__standin/...`) or, with `api`, a Stripe API call (form-encoded, with the key). */
  hook: (method: string, path: string, body?: unknown) => Promise<any>;
  api: (method: string, path: string, form?: Record<string, string | string[]>) => Promise<any>;
}
export interface StripeStandin extends Started, StripeStandinApi {}
export interface StandinIntent {
  id: string; amount: number; currency: string; customer: string | null; payment_method: string | null; status: string;
  latest_charge: string | null; metadata: Record<string, string>; last_payment_error: { code: string; decline_code?: string } | null;
}
export interface StandinState {
  customers: { id: string; metadata: Record<string, string>; invoice_settings: { default_payment_method: string | null } }[];
  deleted_customers: string[];
  payment_methods: { id: string; customer: string | null; card: { brand: string; last4: string; exp_month: number; exp_year: number } }[];
  payment_intents: StandinIntent[];
  charges: { id: string; amount: number; amount_refunded: number; payment_intent: string; status: string }[];
  events: { id: string; type: string; data: { object: { id: string } } }[];
  deliveries: { event_id: string; type: string; attempt: number; status: number | null; signature: string; payload: string }[];
  faults_served: { method: string; path: string; status: number }[];
  requests: { method: string; path: string; idempotencyKey?: string; status?: number; replayed?: boolean }[];
}

export const STRIPE_KEY = 'sk_test_standin_key';

export async function startStripeStandin(extraEnv: Record<string, string> = {}, logFile?: string): Promise<StripeStandin> {
  const proc = await startProcess(fixtureMain('stripe-standin'), { PORT: '0', STANDIN_SECRET_KEY: STRIPE_KEY, ...extraEnv },
    (out) => /"port":\d+/.test(out), 10_000, logFile);
  return { ...proc, ...stripeStandinAt(`http://127.0.0.1:${/"port":(\d+)/.exec(proc.output())![1]}`) };
}

/** The hooks and API of a stand-in already listening at `base`. */
export function stripeStandinAt(base: string): StripeStandinApi {
  const hook = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/__standin${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    const answer = await res.json();
    if (!res.ok) throw new Error(`stand-in hook ${method} ${path}: ${res.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const api = async (method: string, path: string, form: Record<string, string | string[]> = {}) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) params.append(Array.isArray(v) ? `${k}[]` : k, one);
    const res = await fetch(`${base}${path}`, {
      method, headers: { authorization: `Bearer ${STRIPE_KEY}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: method === 'GET' ? undefined : params.toString(),
    });
    return { status: res.status, body: await res.json() };
  };
  return {
    base, hook, api,
    state: async (opts = {}) => (await fetch(`${base}/__standin/state${opts.settle ? '?settle=1' : ''}`)).json() as Promise<StandinState>,
  };
}

export interface BillingService extends Omit<ServiceHarness, 'call'> {
  /** Everything the process wrote. */
  output: () => string;
  /** Service-to-service call; rejects with the WireError. */
  call: <T = any>(pattern: string, data: unknown) => Promise<T>;
  /** As the gateway calls an HTTP route: HttpRequestPayload plus the caller's session header. */
  http: <T = any>(pattern: string, req: Partial<HttpRequestPayload>, session?: SessionInfo) => Promise<T>;
  /** Like call/http but expects a failure and returns the WireError. */
  fails: (promise: Promise<unknown>) => Promise<WireError>;
}

export const systemSession: SessionInfo = {
  userId: 'urn:authenticateit:user:email:admin@example.com', name: 'Admin', currentParticipant: SYSTEM_PARTICIPANT_ID,
  roles: ['security_admin'], modules: [], ticketHash: 'test-ticket-hash',
};

export function userSession(userId: string): SessionInfo {
  return { userId, name: 'User', currentParticipant: '', roles: [], modules: [], ticketHash: `hash-${userId}` };
}

/** The real billing process (the one service harness) on `databaseUrl`, with the Stripe stand-in at `stripeBase`. */
export async function startBilling(databaseUrl: string, stripeBase: string, extraEnv: Record<string, string> = {}): Promise<BillingService> {
  const harness = await startServiceHarness({
    service: 'participants-billing',
    databaseUrl,
    keepEarlierEvents: true,
    env: { STRIPE_API_BASE: stripeBase, STRIPE_SECRET_KEY: STRIPE_KEY, LOG_LEVEL: 'debug', ...extraEnv },
    // Listening and seeded: the system participant is there.
    ready: async (request) => {
      const found = await request(BillingPattern.ParticipantsSummaries, { ids: [SYSTEM_PARTICIPANT_ID] }) as unknown[];
      if (found.length !== 1) throw new Error('the system participant is not seeded yet');
    },
  });
  await spreadParticipantNumbers(databaseUrl);
  const fails = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return error as WireError;
    }
    throw new Error('expected a failure');
  };
  return {
    ...harness, output: harness.logs, call: harness.send, fails,
    http: (pattern, req, caller = systemSession) => harness.raw(pattern, req, { session: caller }),
  };
}

export const COIN = 10n ** 18n;
export const coins = (n: bigint | number) => (BigInt(n) * COIN).toString();

/**
 * Each suite's billing database starts the participant sequence anew, while identity's test
 * database is shared: start at a random point so a new participant never meets another suite's
 * memberships under the same id.
 */
async function spreadParticipantNumbers(databaseUrl: string): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const start = 100_000_000_000 + Math.floor(Math.random() * 1_000_000_000) * 1000;
  await db.query(`ALTER SEQUENCE participants_billing.participant_number_seq RESTART WITH ${start}`);
  await db.end();
}

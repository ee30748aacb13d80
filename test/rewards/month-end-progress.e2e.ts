// Month-end recomputation over many users: every due user once, in parallel id ranges, with its
// progress in the log (users done / total, rate, ETA) and as Prometheus gauges on /metrics.
import { createServer } from 'node:net';
import { RewardsPattern } from '#libs/contracts';
import { find, scrape } from '../ops/prometheus-text.js';
import { type RewardsHarness, startRewards, systemSession } from './rewards-process.js';

const USERS = 12_000;
const admin = () => ({ session: systemSession() });
let r: RewardsHarness;
let port: number;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: p } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return p;
}

beforeAll(async () => {
  port = await freePort();
  r = await startRewards({ HEALTH_PORT: String(port), LOG_LEVEL: 'log' });
  await r.db.query(`INSERT INTO rewards.users (user_id, timezone_min, registered_at)
    SELECT 'urn:authenticateit:user:email:me' || lpad(g::text, 6, '0') || '@progress.test', (ARRAY[-300, 0, 60, 180, 600])[1 + g % 5], now() - interval '40 days'
    FROM generate_series(1, $1::int) g`, [USERS]);
  // Every tenth user scanned 25 codes on 20 days last local month and has 2 buddies: above basic.
  await r.db.query(`INSERT INTO rewards.scans (id, user_id, code, event_ts, record)
    SELECT gen_random_uuid(), u.user_id, (4600000000000 + s)::text,
      (date_trunc('month', now() AT TIME ZONE 'UTC') - interval '1 month' + ((s % 20) * interval '1 day') + interval '12 hours') AT TIME ZONE 'UTC', '{}'
    FROM (SELECT user_id FROM rewards.users WHERE user_id LIKE '%0@progress.test') u CROSS JOIN generate_series(1, 25) s`);
  await r.db.query(`INSERT INTO rewards.buddies (user_id, buddy_id, ts)
    SELECT u.user_id, 'buddy-' || s, now() FROM (SELECT user_id FROM rewards.users WHERE user_id LIKE '%0@progress.test') u CROSS JOIN generate_series(1, 2) s`);
  await r.db.query('ANALYZE rewards.users');
});
afterAll(async () => { await r?.stop(); });

describe('month-end over many users', () => {
  it('recomputes every due user once and reports done / total, rate and ETA in the log and on /metrics', async () => {
    const first = await r.call<{ examined: number; changed: number }>(RewardsPattern.JobRun, { body: { job: 'month-end' } }, admin());
    expect(first.examined).toBe(USERS);
    expect(first.changed).toBeGreaterThanOrEqual(USERS / 10 - 100);
    expect(await r.count("SELECT count(*) FROM rewards.users WHERE level_period IS NULL")).toBe(0);
    expect(await r.count("SELECT count(*) FROM rewards.users WHERE previous_level = 'basic' AND level <> 'basic'")).toBe(first.changed);

    const line = /month-end progress: ([\d,]+) \/ ([\d,]+) users \(([\d.]+) %\), ([\d,]+) users\/s, ETA (\d+ s|unknown)/.exec(r.logs());
    expect(line).not.toBeNull();
    expect(Number(line![2].replace(/,/g, ''))).toBe(USERS);
    expect(Number(line![1].replace(/,/g, ''))).toBeGreaterThan(0);

    const { samples } = await scrape(`http://127.0.0.1:${port}/metrics`);
    const value = (name: string) => find(samples, `rewards_month_end_${name}`)[0]?.value;
    expect(value('users_total')).toBe(USERS);
    expect(value('users_done')).toBe(USERS);
    expect(value('users_per_second')).toBeGreaterThan(0);
    expect(value('eta_seconds')).toBe(0);
    expect(value('running')).toBe(0);

    const second = await r.call<{ examined: number }>(RewardsPattern.JobRun, { body: { job: 'month-end' } }, admin());
    expect(second.examined).toBe(0);
    expect((await scrape(`http://127.0.0.1:${port}/metrics`)).samples.find((s) => s.name === 'rewards_month_end_users_total')?.value).toBe(0);
  });
});

// Proof: every process whose Redis is gone still stops on SIGTERM by itself, before the shutdown
// deadline (libs/service-runtime) would have to step in, and its output holds only JSON lines (no
// "[ioredis] Unhandled error event" or BullMQ stack at each failed reconnect).
import { SHUTDOWN_DEADLINE_MS } from '#libs/service-runtime';
import { restartableRedis } from '../support/proof-infra.js';
import { sleep } from '../support/proof-load.js';
import { terminate } from '../support/proof-system.js';
import { freshDatabase } from '../support/service-harness.js';
import { startSystem } from '../support/system.js';

describe('SIGTERM while Redis is gone', () => {
  let redis: Awaited<ReturnType<typeof restartableRedis>>;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let sys: Awaited<ReturnType<typeof startSystem>>;

  beforeAll(async () => {
    redis = await restartableRedis();
    database = await freshDatabase(process.env.TEST_DATABASE_URL!, 'shutdown');
    sys = await startSystem({ REDIS_URL: redis.url }, { databaseUrl: database.url });
  }, 120_000);
  afterAll(async () => { await sys?.stop(); await redis?.stop().catch(() => undefined); await database?.drop(); });

  it('every app exits by itself (the hooks end, not the deadline) and logs only JSON', async () => {
    await redis.stop();
    await sleep(1500); // their connections notice and start reconnecting
    const apps = Object.entries(sys.processes);
    const exits = await Promise.all(apps.map(([, proc]) => terminate({ proc }, SHUTDOWN_DEADLINE_MS + 5_000)));
    const ended = Object.fromEntries(exits.map((exit, i) => [apps[i][0], exit]));
    console.log('exits after SIGTERM with Redis gone:', JSON.stringify(ended));
    for (const [app, exit] of Object.entries(ended)) {
      // Nest re-raises SIGTERM once its hooks are done; the deadline would exit with code 1.
      expect({ app, clean: exit.exited && (exit.signal === 'SIGTERM' || exit.code === 0), inTime: exit.ms < SHUTDOWN_DEADLINE_MS }).toEqual({ app, clean: true, inTime: true });
    }
    for (const [app, started] of apps) {
      const lines = started.output().split('\n').filter((l) => l.trim() !== '');
      expect({ app, notJson: lines.filter((l) => !l.startsWith('{')).slice(0, 3) }).toEqual({ app, notJson: [] });
      expect(lines.some((l) => /ECONNREFUSED/.test(JSON.parse(l).message))).toBe(true); // the outage was seen
    }
  }, 60_000);
});

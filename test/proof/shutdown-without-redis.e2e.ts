// Proof: a service whose Redis is gone still stops on SIGTERM, within the shutdown deadline
// (libs/service-runtime), saying why in a JSON log line; its output holds only JSON lines (no
// "[ioredis] Unhandled error event" stack at each failed reconnect).
import { SHUTDOWN_DEADLINE_MS } from '#libs/service-runtime';
import { PUBLIC_BASE_URL, QR_SECRET } from '../certificates/certificates-process.js';
import { restartableRedis } from '../support/proof-infra.js';
import { distMain, type Started, startProcess } from '../support/processes.js';
import { freshDatabase } from '../support/service-harness.js';
import { sleep } from '../support/proof-load.js';

describe('SIGTERM while Redis is gone', () => {
  let redis: Awaited<ReturnType<typeof restartableRedis>>;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let service: Started;

  beforeAll(async () => {
    redis = await restartableRedis();
    database = await freshDatabase(process.env.TEST_DATABASE_URL!, 'shutdown');
    service = await startProcess(distMain('certificates'), {
      NODE_OPTIONS: '', DATABASE_URL: database.url, REDIS_URL: redis.url, HEALTH_PORT: '0', LOG_LEVEL: 'log',
      QR_SIGNING_SECRET: QR_SECRET, PUBLIC_BASE_URL,
    }, (out) => out.includes('listening on the transport'), 60_000);
  }, 90_000);
  afterAll(async () => { await service?.stop(); await redis?.stop().catch(() => undefined); await database?.drop(); });

  it('exits by itself within the deadline and logs only JSON', async () => {
    await redis.stop();
    await sleep(1500); // its connections notice and start reconnecting
    const { child } = service;
    const sent = Date.now();
    const exited = new Promise<{ code: number | null; ms: number }>((resolve) => child.once('exit', (code) => resolve({ code, ms: Date.now() - sent })));
    child.kill('SIGTERM');
    const exit = await exited;
    expect(exit.ms).toBeLessThan(SHUTDOWN_DEADLINE_MS + 3_000);
    const lines = service.output().split('\n').filter((l) => l.trim() !== '');
    expect(lines.filter((l) => !l.startsWith('{'))).toEqual([]);
    const logged = lines.map((l) => JSON.parse(l));
    expect(logged.some((l) => /redis: connect ECONNREFUSED/.test(l.message))).toBe(true);
    // Either the hooks finished (code 0 or the re-raised signal) or the deadline said why it exited.
    if (exit.code === 1) expect(logged.some((l) => /shutdown did not finish within \d+ ms of SIGTERM/.test(l.message))).toBe(true);
  }, 60_000);
});

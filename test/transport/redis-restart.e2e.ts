// The read loops, reply subscription and heartbeat survive a Redis restart (data lost).
import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { Redis } from 'ioredis';
import { lastValueFrom } from 'rxjs';
import { RedisStreamsClient, StreamRecord } from '#libs/transport';
import { settle, startReplica, stopAllReplicas, unique, waitFor } from './helpers.js';

const PREFIX = `${unique('rs')}:`;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function startRedis(port: number): Promise<ChildProcess> {
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  return waitFor(async () => {
    const r = new Redis({ port, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    try { await r.connect(); return (await r.ping()) === 'PONG'; } catch { return false; } finally { r.disconnect(); }
  }, (ok) => ok, 10_000, 'redis up').then(() => proc);
}

function stopRedis(proc: ChildProcess | undefined): Promise<void> {
  if (!proc || proc.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => { proc.once('exit', () => resolve()); proc.kill('SIGKILL'); });
}

describe('transport across a Redis restart', () => {
  let port: number;
  let redisProc: ChildProcess | undefined;
  let client: RedisStreamsClient;
  let redis: Redis;

  beforeAll(async () => {
    port = await freePort();
    redisProc = await startRedis(port);
  });

  afterAll(async () => {
    await client?.close();
    redis?.disconnect();
    await stopAllReplicas();
    await stopRedis(redisProc);
  });

  it('serves requests and events again once Redis is back', async () => {
    const url = `redis://127.0.0.1:${port}`;
    await startReplica({ SERVICE: 'fixture-restart', PREFIX, REPLICA_ID: 'rs-1', REDIS_URL: url });
    client = new RedisStreamsClient({ url, service: 'fixture-restart', caller: 'test', prefix: PREFIX, timeoutMs: 1000 });
    redis = new Redis(url);
    redis.on('error', () => undefined);
    expect((await settle(client.send('t.sleep', { ms: 1 }))).ok).toBe(true);

    await stopRedis(redisProc);
    await new Promise((r) => setTimeout(r, 500));
    redisProc = await startRedis(port);
    const restarted = Date.now();

    await waitFor(() => settle(client.send('t.sleep', new StreamRecord({ ms: 1 }, {}, { timeoutMs: 500 }))), (r) => r.ok, 20_000, 'request after restart');
    console.log(`requests served again ${Date.now() - restarted} ms after Redis came back`);
    await lastValueFrom(client.emit('t.event', { n: 99 }));
    const seen = await waitFor(() => redis.lrange(`${PREFIX}seen`, 0, -1), (l) => l.length >= 1, 10_000, 'event after restart');
    expect(JSON.parse(seen[0])).toMatchObject({ n: 99, replica: 'rs-1' });
  });
});

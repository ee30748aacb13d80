// A local Redis Cluster of N masters (no replicas) on free ports, for the suites that prove the
// transport and sessions run unchanged on a cluster.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './processes.js';

export interface LocalCluster { nodes: string[]; stop(): Promise<void> }

const SLOTS = 16384;

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > end) throw new Error(`redis cluster: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startRedisCluster(masters = 3): Promise<LocalCluster> {
  const dir = mkdtempSync(join(process.env.TEST_TMP_DIR ?? tmpdir(), 'redis-cluster-'));
  const ports = await Promise.all(Array.from({ length: masters }, () => freePort()));
  const procs: ChildProcess[] = ports.map((port) => spawn('redis-server', [
    '--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${port}.conf`),
    '--cluster-node-timeout', '2000', '--save', '', '--appendonly', 'no', '--dir', dir,
  ], { stdio: 'ignore' }));
  const admins = ports.map((port) => new Redis({ port, lazyConnect: true, maxRetriesPerRequest: 1 }));
  const stop = async () => {
    admins.forEach((a) => a.disconnect());
    await Promise.all(procs.map((p) => new Promise<void>((resolve) => {
      if (p.exitCode !== null) return resolve();
      p.once('exit', () => resolve());
      p.kill('SIGKILL');
    })));
  };
  try {
    for (const admin of admins) await until(async () => { await admin.connect().catch(() => undefined); return (await admin.ping()) === 'PONG'; }, 'nodes up');
    await Promise.all(admins.map((admin, i) =>
      admin.call('CLUSTER', 'ADDSLOTSRANGE', Math.floor((i * SLOTS) / masters), Math.floor(((i + 1) * SLOTS) / masters) - 1)));
    for (const admin of admins.slice(1)) await admin.call('CLUSTER', 'MEET', '127.0.0.1', ports[0]);
    await until(async () => (await Promise.all(admins.map((a) => a.call('CLUSTER', 'INFO') as Promise<string>)))
      .every((info) => info.includes('cluster_state:ok') && info.includes(`cluster_known_nodes:${masters}`)), 'cluster state ok');
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes: ports.map((p) => `127.0.0.1:${p}`), stop };
}

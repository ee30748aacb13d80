import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

/** A single Redis or a Redis Cluster: both speak the same commands for what we use. */
export type RedisClient = Redis | Cluster;

/** Where Redis is: `clusterNodes` (host:port seeds of a Redis Cluster) wins over `url`. */
export interface RedisTarget {
  url: string;
  clusterNodes?: readonly string[];
}

/** `REDIS_CLUSTER_NODES` (comma list of host:port) as seed nodes; empty when unset. */
export function clusterNodesOf(spec: string | undefined): string[] {
  return (spec ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * Opens a connection to `target`: an ioredis Cluster client when seed nodes are given (password
 * and TLS taken from `url`), else a plain client. Keys that must live together carry a hash tag.
 */
export function createRedis(target: RedisTarget, options: RedisOptions = {}): RedisClient {
  const client = connect(target, options);
  // Without a listener ioredis prints "[ioredis] Unhandled error event" and a stack to stderr at
  // every failed reconnect: not a JSON log line. Outages are told by readiness and the transport's
  // throttled warning; a caller that wants the errors adds its own listener.
  client.on('error', () => undefined);
  return client;
}

/**
 * Closes a connection without ever waiting on a Redis that is gone: QUIT (replies still due are
 * read first) when connected, bounded by `timeoutMs`, else the socket is dropped at once.
 */
export async function closeRedis(client: RedisClient | undefined, timeoutMs = 1_000): Promise<void> {
  if (!client) return;
  if (client.status !== 'ready') return client.disconnect();
  await closeWithin(() => client.quit(), client, timeoutMs);
}

/**
 * Runs `closing` (BullMQ's worker and queue on `connection`: the job in progress, then Redis) for
 * at most `timeoutMs`, then drops the socket: a Redis that is away would hold it forever, and a job
 * cut off is stalled and runs again. Over a connection already lost nothing can be recorded, so
 * nothing is waited for.
 */
export async function closeWithin(closing: () => Promise<unknown>, connection: RedisClient | undefined, timeoutMs = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waitMs = connection && connection.status !== 'ready' ? 0 : timeoutMs;
  const bound = new Promise<void>((resolve) => { timer = setTimeout(resolve, waitMs); });
  await Promise.race([closing().catch(() => undefined), bound]);
  clearTimeout(timer);
  connection?.disconnect();
}

function connect(target: RedisTarget, options: RedisOptions): RedisClient {
  if (!target.clusterNodes?.length) return new Redis(target.url, options);
  const fromUrl = new URL(target.url);
  const redisOptions: RedisOptions = {
    ...options,
    ...(fromUrl.password ? { password: decodeURIComponent(fromUrl.password) } : {}),
    ...(fromUrl.username ? { username: decodeURIComponent(fromUrl.username) } : {}),
    ...(fromUrl.protocol === 'rediss:' ? { tls: {} } : {}),
  };
  const { enableAutoPipelining, enableOfflineQueue, lazyConnect, ...nodeOptions } = redisOptions;
  const clusterOptions: ClusterOptions = {
    redisOptions: nodeOptions,
    enableAutoPipelining,
    enableOfflineQueue,
    lazyConnect,
    // Managed clusters announce private addresses; keep the seeds' TLS/auth for every node.
    slotsRefreshTimeout: 2_000,
  };
  const nodes = target.clusterNodes.map((node) => {
    const [host, port] = node.split(':');
    return { host, port: Number(port || 6379) };
  });
  return new Cluster(nodes, clusterOptions);
}


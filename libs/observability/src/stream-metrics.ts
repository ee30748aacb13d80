import { Gauge, Registry } from 'prom-client';
import type { RedisClient } from '#libs/redis';

interface GroupInfo { group: string; pending: number; lag: number; consumers: number }
interface StreamInfo { length: number; groups: GroupInfo[] }

/**
 * Length, consumer-group lag and pending count of the given streams, read from Redis when
 * Prometheus scrapes (XLEN + XINFO GROUPS; one round trip per scrape however many gauges).
 */
export function registerStreamMetrics(registry: Registry, redis: RedisClient, streams: readonly string[]): void {
  let current: Promise<Map<string, StreamInfo>> | undefined;
  const read = () => {
    current ??= readStreams(redis, streams).finally(() => setTimeout(() => { current = undefined; }, 250).unref());
    return current;
  };
  const gauge = (name: string, help: string, labelNames: string[], fill: (g: Gauge, stream: string, info: StreamInfo) => void) => new Gauge({
    name, help, labelNames, registers: [registry],
    async collect() {
      this.reset();
      const infos = await read().catch(() => new Map<string, StreamInfo>());
      for (const [stream, info] of infos) fill(this, stream, info);
    },
  });
  gauge('transport_stream_length', 'Entries in a transport stream: work not yet acknowledged (entries are deleted once handled)', ['stream'],
    (g, stream, info) => g.set({ stream }, info.length));
  gauge('transport_stream_lag', 'Entries not yet delivered to the consumer group (XINFO GROUPS lag)', ['stream', 'group'],
    (g, stream, info) => { for (const x of info.groups) if (x.lag >= 0) g.set({ stream, group: x.group }, x.lag); });
  gauge('transport_stream_pending', 'Entries delivered but not yet acknowledged (XINFO GROUPS pending)', ['stream', 'group'],
    (g, stream, info) => { for (const x of info.groups) g.set({ stream, group: x.group }, x.pending); });
  gauge('transport_stream_consumers', 'Consumers (replicas, past and present) in the group', ['stream', 'group'],
    (g, stream, info) => { for (const x of info.groups) g.set({ stream, group: x.group }, x.consumers); });
}

async function readStreams(redis: RedisClient, streams: readonly string[]): Promise<Map<string, StreamInfo>> {
  const pipeline = redis.pipeline();
  for (const stream of streams) pipeline.xlen(stream).call('XINFO', 'GROUPS', stream);
  const results = (await pipeline.exec()) ?? [];
  const infos = new Map<string, StreamInfo>();
  streams.forEach((stream, i) => {
    const [lenErr, length] = results[2 * i] ?? [];
    const [groupsErr, groups] = results[2 * i + 1] ?? [];
    if (lenErr || groupsErr) return; // stream not created yet
    infos.set(stream, { length: Number(length), groups: (groups as unknown[][]).map(parseGroup) });
  });
  return infos;
}

/** XINFO GROUPS answers a flat [key, value, …] list per group; lag is nil when Redis cannot tell. */
function parseGroup(flat: unknown[]): GroupInfo {
  const f = new Map<string, unknown>();
  for (let i = 0; i + 1 < flat.length; i += 2) f.set(String(flat[i]), flat[i + 1]);
  const lag = f.get('lag');
  return {
    group: String(f.get('name')),
    pending: Number(f.get('pending') ?? 0),
    consumers: Number(f.get('consumers') ?? 0),
    lag: lag === null || lag === undefined ? -1 : Number(lag),
  };
}

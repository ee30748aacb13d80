import type { Metric, Registry } from 'prom-client';
import { LATENCY_BUCKETS, LabelCache } from '#libs/observability';

type Labels = { method: string; route: string; status: string };
/** One method, route template and status: requests per latency bucket (the last one +Inf, not cumulative), their sum and count. */
interface Series { labels: Labels; perBucket: Float64Array; sum: number; count: number }
interface Sample { metricName?: string; labels: Record<string, string | number>; value: number }

export type RouteObserver = (method: string, status: number, ms: number) => void;

const DURATION = 'http_request_duration_seconds';
const TOTAL = 'http_requests_total';

/**
 * Gateway HTTP latency and request count by method, route template and status, shown as a
 * prom-client histogram and counter are, but recorded as an array increment: prom-client builds
 * and hashes the label set on every observe, about 5 % of the session check's CPU. The registry
 * reads the series when scraped, through each metric's get() (Registry.registerMetric).
 */
export class HttpMetrics {
  private readonly series: Series[] = [];

  constructor(registry: Registry) {
    registry.registerMetric(metric(DURATION, 'Gateway HTTP request duration by method, route template and status', 'histogram', () => this.durationSamples()));
    registry.registerMetric(metric(TOTAL, 'Gateway HTTP requests by method, route template and status', 'counter',
      () => this.series.map((s) => ({ labels: s.labels, value: s.count }))));
  }

  /** The observer of one route template (`unmatched` for the not-found handler). */
  forRoute(route: string): RouteObserver {
    const byMethod = new LabelCache(() => new Map<number, Series>());
    return (method, status, ms) => {
      const byStatus = byMethod.get(method);
      let series = byStatus.get(status);
      if (!series) {
        series = { labels: { method, route, status: String(status) }, perBucket: new Float64Array(LATENCY_BUCKETS.length + 1), sum: 0, count: 0 };
        byStatus.set(status, series);
        this.series.push(series);
      }
      const seconds = ms / 1000;
      let bucket = 0;
      while (bucket < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[bucket]) bucket++;
      series.perBucket[bucket]++;
      series.sum += seconds;
      series.count++;
    };
  }

  private durationSamples(): Sample[] {
    const samples: Sample[] = [];
    for (const { labels, perBucket, sum, count } of this.series) {
      let cumulative = 0;
      for (let i = 0; i <= LATENCY_BUCKETS.length; i++) {
        cumulative += perBucket[i];
        samples.push({ metricName: `${DURATION}_bucket`, labels: { ...labels, le: i < LATENCY_BUCKETS.length ? LATENCY_BUCKETS[i] : '+Inf' }, value: cumulative });
      }
      samples.push({ metricName: `${DURATION}_sum`, labels, value: sum }, { metricName: `${DURATION}_count`, labels, value: count });
    }
    return samples;
  }
}

/** A metric as the registry reads it: name, help, type and its samples. */
function metric(name: string, help: string, type: 'histogram' | 'counter', samples: () => Sample[]): Metric {
  const get = () => Promise.resolve({ name, help, type, values: samples(), aggregator: 'sum' });
  return { name, help, type, get } as unknown as Metric;
}

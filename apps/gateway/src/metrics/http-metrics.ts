import { Counter, Histogram, Registry } from 'prom-client';
import { LATENCY_BUCKETS, LabelCache } from '#libs/observability';

type Children = { duration: Histogram.Internal<string>; total: Counter.Internal };
export type RouteObserver = (method: string, status: number, ms: number) => void;

/** Gateway HTTP latency and request count by method, route template and status. */
export class HttpMetrics {
  private readonly duration: Histogram<string>;
  private readonly total: Counter<string>;

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'http_request_duration_seconds', help: 'Gateway HTTP request duration by method, route template and status',
      labelNames: ['method', 'route', 'status'] as const, buckets: LATENCY_BUCKETS, registers: [registry],
    });
    this.total = new Counter({
      name: 'http_requests_total', help: 'Gateway HTTP requests by method, route template and status',
      labelNames: ['method', 'route', 'status'] as const, registers: [registry],
    });
  }

  /** The observer of one route template (`unmatched` for the not-found handler); children are cached per method and status. */
  forRoute(route: string): RouteObserver {
    const byMethod = new LabelCache(() => new Map<number, Children>());
    return (method, status, ms) => {
      const byStatus = byMethod.get(method);
      let child = byStatus.get(status);
      if (!child) {
        const labels = { method, route, status: String(status) };
        child = { duration: this.duration.labels(labels), total: this.total.labels(labels) };
        byStatus.set(status, child);
      }
      child.duration.observe(ms / 1000);
      child.total.inc();
    };
  }
}

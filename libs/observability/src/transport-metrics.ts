import { Counter, Histogram, Registry } from 'prom-client';
import type { HandledHook } from '#libs/transport';
import { LabelCache } from './label-cache.js';
import { LATENCY_BUCKETS } from './metrics-registry.js';

/** Server side: handler duration by pattern and outcome, errors by pattern and kind. */
export function transportHandlerMetrics(registry: Registry): HandledHook {
  const duration = new Histogram({
    name: 'transport_handler_duration_seconds', help: 'Time to handle a transport request or event, by pattern and outcome',
    labelNames: ['pattern', 'outcome'] as const, buckets: LATENCY_BUCKETS, registers: [registry],
  });
  const errors = new Counter({
    name: 'transport_handler_errors_total', help: 'Transport requests or events that ended in an error, by pattern and error kind',
    labelNames: ['pattern', 'kind'] as const, registers: [registry],
  });
  return observer(duration, errors, {});
}

/** Client side: request latency by target service, pattern and outcome; errors by kind. */
export function transportClientMetrics(registry: Registry): (service: string) => HandledHook {
  const duration = new Histogram({
    name: 'transport_client_request_duration_seconds', help: 'Time from sending a transport request to its answer, by service and pattern',
    labelNames: ['service', 'pattern', 'outcome'] as const, buckets: LATENCY_BUCKETS, registers: [registry],
  });
  const errors = new Counter({
    name: 'transport_client_errors_total', help: 'Transport requests answered with an error (incl. timeout, unavailable), by service, pattern and kind',
    labelNames: ['service', 'pattern', 'kind'] as const, registers: [registry],
  });
  return (service) => observer(duration, errors, { service });
}

function observer(
  duration: Histogram<'pattern' | 'outcome' | 'service'>, errors: Counter<'pattern' | 'kind' | 'service'>, fixed: { service?: string },
): HandledHook {
  const byPattern = new LabelCache((pattern) => ({
    ok: duration.labels({ ...fixed, pattern, outcome: 'ok' }),
    error: duration.labels({ ...fixed, pattern, outcome: 'error' }),
    errorsByKind: new LabelCache((kind) => errors.labels({ ...fixed, pattern, kind })),
  }));
  return (pattern, ms, ok, errorKind) => {
    const children = byPattern.get(pattern);
    if (ok) {
      children.ok.observe(ms / 1000);
    } else {
      children.error.observe(ms / 1000);
      children.errorsByKind.get(errorKind ?? 'unknown').inc();
    }
  };
}

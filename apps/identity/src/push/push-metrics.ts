import { Counter, Histogram, Registry } from 'prom-client';
import { LATENCY_BUCKETS } from '#libs/observability';
import type { ProviderName } from './push-provider.port.js';

/** Per provider: deliveries, failures by reason, retries, dead devices removed, request latency. */
export class PushMetrics {
  private readonly delivered: Counter<'provider'>;
  private readonly failed: Counter<'provider' | 'reason'>;
  private readonly retried: Counter<'provider' | 'reason'>;
  private readonly removed: Counter<'provider'>;
  private readonly skipped: Counter<'reason'>;
  private readonly latency: Histogram<'provider'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.delivered = new Counter({ name: 'push_delivered_total', help: 'Pushes the provider accepted, by provider', labelNames: ['provider'], registers });
    this.failed = new Counter({ name: 'push_failed_total', help: 'Pushes given up and recorded as failed, by provider and provider reason', labelNames: ['provider', 'reason'], registers });
    this.retried = new Counter({ name: 'push_retried_total', help: 'Delivery attempts that will be tried again, by provider and reason', labelNames: ['provider', 'reason'], registers });
    this.removed = new Counter({ name: 'push_devices_removed_total', help: 'Devices removed because the provider said they are gone, by provider', labelNames: ['provider'], registers });
    this.skipped = new Counter({ name: 'push_skipped_total', help: 'Deliveries not attempted (device moved or removed meanwhile, provider off)', labelNames: ['reason'], registers });
    this.latency = new Histogram({ name: 'push_provider_request_seconds', help: 'Time of one provider request, by provider', labelNames: ['provider'], buckets: LATENCY_BUCKETS, registers });
  }

  onDelivered(provider: ProviderName): void { this.delivered.inc({ provider }); }
  onFailed(provider: ProviderName, reason: string): void { this.failed.inc({ provider, reason }); }
  onRetry(provider: ProviderName, reason: string): void { this.retried.inc({ provider, reason }); }
  onRemoved(provider: ProviderName): void { this.removed.inc({ provider }); }
  onSkipped(reason: string): void { this.skipped.inc({ reason }); }
  timer(provider: ProviderName): () => void { return this.latency.startTimer({ provider }); }
}

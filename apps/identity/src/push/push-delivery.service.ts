import { Logger } from '@nestjs/common';
import { DevicesService } from '../devices/devices.service.js';
import { PushFailuresRepository } from './push-failures.repository.js';
import { PushMetrics } from './push-metrics.js';
import { type Delivery, deliveryUuid, deviceHash } from './push-job.js';
import { networkError, type PushProvider, PushProviderError } from './push-provider.port.js';

/** What became of one attempt; `retry` is to be tried again later (after `error.retryAfterMs` when given). */
export type DeliveryResult = { result: 'delivered' | 'dead' | 'failed' } | { result: 'retry'; error: PushProviderError };

/**
 * Delivers one message to one device through its provider, removes a dead device and records a
 * delivery given up on. Nothing is written for a delivery the provider took.
 */
export class PushDelivery {
  private readonly logger = new Logger('Push');

  constructor(private readonly devices: DevicesService, private readonly failures: PushFailuresRepository, readonly metrics: PushMetrics) {}

  async deliver(provider: PushProvider, d: Delivery, attempt: number, maxAttempts: number): Promise<DeliveryResult> {
    try {
      const done = this.metrics.timer(provider.name);
      const outcome = await provider.send(d, { deliveryId: deliveryUuid(d.id), title: d.title, body: d.body, payload: d.payload })
        .finally(done);
      if (outcome.outcome === 'delivered') {
        this.metrics.onDelivered(provider.name);
        return { result: 'delivered' };
      }
      const removed = await this.devices.removeDead(d.userId, d);
      if (removed) this.metrics.onRemoved(provider.name);
      await this.giveUp(provider, d, attempt, new PushProviderError(outcome.reason, false, outcome.status), removed);
      return { result: 'dead' };
    } catch (thrown) {
      const error = networkError(thrown);
      if (error.retryable && attempt < maxAttempts) {
        this.metrics.onRetry(provider.name, error.reason);
        return { result: 'retry', error };
      }
      await this.giveUp(provider, d, attempt, error, false);
      return { result: 'failed' };
    }
  }

  private async giveUp(provider: PushProvider, d: Delivery, attempt: number, error: PushProviderError, removed: boolean): Promise<void> {
    this.metrics.onFailed(provider.name, error.reason);
    this.logger.warn(`push ${d.messageId} to a ${d.type} device of ${d.userId} given up after ${attempt} attempt(s): ${error.reason}${removed ? ' (device removed)' : ''}`);
    await this.failures.record({
      messageId: d.messageId, userId: d.userId, deviceType: d.type, deviceHash: deviceHash(d), provider: provider.name,
      reason: error.reason, httpStatus: error.status, attempts: attempt, deviceRemoved: removed,
    });
  }
}

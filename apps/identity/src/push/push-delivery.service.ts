import { Logger } from '@nestjs/common';
import { DevicesService } from '../devices/devices.service.js';
import { PushFailuresRepository } from './push-failures.repository.js';
import { PushMetrics } from './push-metrics.js';
import { deliveryUuid, deviceHash, type PushJobData } from './push-job.js';
import { networkError, type PushProvider, PushProviderError } from './push-provider.port.js';
import type { PushProviders } from './push-providers.js';

export type DeliveryResult = 'delivered' | 'dead' | 'failed' | 'skipped';

export interface Attempt { jobId: string; attempt: number; maxAttempts: number }

/**
 * Delivers one job: checks the device is still the user's, sends through its provider, removes a
 * dead device, and records a delivery given up on. Throws only to have BullMQ try again later.
 */
export class PushDelivery {
  private readonly logger = new Logger('Push');

  constructor(private readonly providers: PushProviders, private readonly devices: DevicesService,
    private readonly failures: PushFailuresRepository, private readonly metrics: PushMetrics) {}

  async deliver(job: PushJobData, attempt: Attempt): Promise<DeliveryResult> {
    const provider = this.providers.for(job.type);
    if (!provider) return this.skip('provider_off');
    if (!(await this.devices.owns(job.userId, job))) return this.skip('device_gone');
    try {
      const done = this.metrics.timer(provider.name);
      const outcome = await provider.send(job, { deliveryId: deliveryUuid(attempt.jobId), title: job.title, body: job.body, payload: job.payload })
        .finally(done);
      if (outcome.outcome === 'delivered') {
        this.metrics.onDelivered(provider.name);
        return 'delivered';
      }
      const removed = await this.devices.removeDead(job.userId, job);
      if (removed) this.metrics.onRemoved(provider.name);
      await this.giveUp(provider, job, attempt, new PushProviderError(outcome.reason, false, outcome.status), removed);
      return 'dead';
    } catch (thrown) {
      const error = networkError(thrown);
      if (error.retryable && attempt.attempt < attempt.maxAttempts) {
        this.metrics.onRetry(provider.name, error.reason);
        throw error;
      }
      await this.giveUp(provider, job, attempt, error, false);
      return 'failed';
    }
  }

  private async giveUp(provider: PushProvider, job: PushJobData, attempt: Attempt, error: PushProviderError, removed: boolean): Promise<void> {
    this.metrics.onFailed(provider.name, error.reason);
    this.logger.warn(`push ${job.messageId} to a ${job.type} device of ${job.userId} given up after ${attempt.attempt} attempt(s): ${error.reason}${removed ? ' (device removed)' : ''}`);
    await this.failures.record({
      messageId: job.messageId, userId: job.userId, deviceType: job.type, deviceHash: deviceHash(job), provider: provider.name,
      reason: error.reason, httpStatus: error.status, attempts: attempt.attempt, deviceRemoved: removed,
    });
  }

  private skip(reason: string): DeliveryResult {
    this.metrics.onSkipped(reason);
    return 'skipped';
  }
}

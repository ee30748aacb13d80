import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { type Job, Queue, Worker } from 'bullmq';
import { Registry } from 'prom-client';
import type { PushRequestedEvent } from '#libs/contracts';
import { METRICS_REGISTRY } from '#libs/observability';
import { createRedis, type RedisClient } from '#libs/redis';
import { transportOptionsFrom } from '#libs/transport';
import { IdentityEnv } from '../config/identity-env.js';
import { DevicesService } from '../devices/devices.service.js';
import { PushDelivery } from './push-delivery.service.js';
import { PushFailuresRepository } from './push-failures.repository.js';
import { deliveryJobId, jobDataFor, type PushJobData } from './push-job.js';
import { PushMetrics } from './push-metrics.js';
import { PushProviderError } from './push-provider.port.js';
import { PushProviders, pushProvidersFor } from './push-providers.js';

const QUEUE = 'push';
/** BullMQ keys share the `{identity}` hash tag: on a Redis Cluster a queue must live in one slot. */
const PREFIX = '{identity}';
const BACKOFF = 'provider';
const MESSAGE_ID = /^[A-Za-z0-9._-]{1,120}$/;

/**
 * Push fan-out and delivery on BullMQ: `enqueue` adds one job per device of the user whose
 * provider is on (job id `<messageId>.<device>`, so a repeated event adds nothing while the id is
 * remembered); workers deliver with bounded concurrency, retries and exponential back-off (or the
 * provider's Retry-After). With no provider configured nothing is queued.
 */
@Injectable()
export class PushQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Push');
  private readonly providers: PushProviders;
  private readonly delivery: PushDelivery;
  private queue?: Queue<PushJobData>;
  private worker?: Worker<PushJobData>;
  private connection?: RedisClient;

  constructor(private readonly env: IdentityEnv, private readonly devices: DevicesService, failures: PushFailuresRepository,
    @Optional() @Inject(METRICS_REGISTRY) registry?: Registry) {
    this.providers = pushProvidersFor(env, this.logger);
    this.delivery = new PushDelivery(this.providers, devices, failures, new PushMetrics(registry ?? new Registry()));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.providers.empty) return;
    const connection = createRedis(transportOptionsFrom(this.env), { maxRetriesPerRequest: null });
    this.connection = connection;
    this.queue = new Queue<PushJobData>(QUEUE, { connection, prefix: PREFIX });
    this.worker = new Worker<PushJobData>(QUEUE, (job) => this.run(job), {
      connection, prefix: PREFIX, concurrency: this.env.PUSH_CONCURRENCY,
      settings: { backoffStrategy: (attemptsMade, _type, error) => this.backoff(attemptsMade, error) },
    });
    this.worker.on('failed', (job, error) => this.logger.error(`push job ${job?.id} failed: ${error.message}`));
    this.worker.on('error', (error) => this.logger.error(`push worker: ${error.message}`));
  }

  /** Queues the deliveries of one push message; answers how many devices it went to. */
  async enqueue(event: PushRequestedEvent): Promise<number> {
    if (!this.queue) return 0;
    if (!MESSAGE_ID.test(event.messageId ?? '') || typeof event.userId !== 'string' || typeof event.title !== 'string' || typeof event.body !== 'string') {
      this.logger.warn(`push.requested without a valid messageId, userId, title and body: dropped`);
      return 0;
    }
    const payload = Object.fromEntries(Object.entries(event.payload ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    const devices = (await this.devices.pushTargetsFor(event.userId)).filter((d) => this.providers.for(d.type));
    if (devices.length === 0) return 0;
    await this.queue.addBulk(devices.map((device) => ({
      name: device.type,
      data: jobDataFor({ ...event, payload }, device),
      opts: {
        jobId: deliveryJobId(event.messageId, device),
        attempts: this.env.PUSH_MAX_ATTEMPTS,
        backoff: { type: BACKOFF },
        removeOnComplete: { age: this.env.PUSH_DEDUP_SECONDS },
        removeOnFail: { age: 7 * 86_400 },
      },
    })));
    return devices.length;
  }

  private run(job: Job<PushJobData>) {
    return this.delivery.deliver(job.data, { jobId: job.id!, attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1 });
  }

  /** Retry-After when the provider gave one, else base × 2^(n-1) with ±20 % jitter. */
  private backoff(attemptsMade: number, error?: Error): number {
    const cap = this.env.PUSH_MAX_RETRY_AFTER_MS;
    if (error instanceof PushProviderError && error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, cap);
    const exponential = this.env.PUSH_BACKOFF_MS * 2 ** Math.max(0, attemptsMade - 1);
    return Math.min(cap, Math.round(exponential * (0.8 + Math.random() * 0.4)));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    await this.providers.close();
    this.connection?.disconnect();
  }
}

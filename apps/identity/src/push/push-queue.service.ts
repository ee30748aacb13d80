import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { type Job, type JobsOptions, Queue, Worker } from 'bullmq';
import { Registry } from 'prom-client';
import type { PushRequest, PushRequestedEvent } from '#libs/contracts';
import { METRICS_REGISTRY } from '#libs/observability';
import { closeWithin, createRedis, type RedisClient } from '#libs/redis';
import { transportOptionsFrom } from '#libs/transport';
import { IdentityEnv } from '../config/identity-env.js';
import { DevicesService } from '../devices/devices.service.js';
import { PushClaims } from './push-claims.js';
import { PushDelivery } from './push-delivery.service.js';
import { PushFailuresRepository } from './push-failures.repository.js';
import { type Delivery, deliveryJobId, deliveryOf, type PushJobData, pushJobId, validPush } from './push-job.js';
import { PushMetrics } from './push-metrics.js';
import { networkError, type PushProviderError } from './push-provider.port.js';
import { PushProviders, pushProvidersFor } from './push-providers.js';
import { Semaphore } from './semaphore.js';

const QUEUE = 'push';
/** BullMQ keys share the `{identity}` hash tag: on a Redis Cluster a queue must live in one slot. */
const PREFIX = '{identity}';
/** Pushes per job: looked up (one SQL statement) and claimed (one script) together. */
const JOB_PUSHES = 100;

/** What a job of the earlier version holds: one message for one device. */
type LegacyJobData = Omit<Delivery, 'id'>;

/**
 * Push fan-out and delivery on BullMQ. A push.requested event becomes one job per up to
 * JOB_PUSHES pushes; the job looks up the users' devices when it runs, claims each delivery
 * (`<messageId>.<device>`, so a redelivered or re-emitted push is delivered at most once per
 * device) and sends them with at most PUSH_CONCURRENCY provider requests in flight in this
 * process. Deliveries that failed with a retryable error go on as one delayed job (exponential
 * back-off, or the provider's Retry-After) until PUSH_MAX_ATTEMPTS. With no provider configured
 * nothing is queued.
 */
@Injectable()
export class PushQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Push');
  private readonly providers: PushProviders;
  private readonly delivery: PushDelivery;
  private readonly sending: Semaphore;
  private queue?: Queue<PushJobData>;
  private worker?: Worker<PushJobData | LegacyJobData>;
  private claims?: PushClaims;
  private connection?: RedisClient;

  constructor(private readonly env: IdentityEnv, private readonly devices: DevicesService, failures: PushFailuresRepository,
    @Optional() @Inject(METRICS_REGISTRY) registry?: Registry) {
    this.providers = pushProvidersFor(env, this.logger);
    this.delivery = new PushDelivery(devices, failures, new PushMetrics(registry ?? new Registry()));
    this.sending = new Semaphore(env.PUSH_CONCURRENCY);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.providers.empty) return;
    const connection = createRedis(transportOptionsFrom(this.env), { maxRetriesPerRequest: null });
    this.connection = connection;
    this.claims = new PushClaims(connection, PREFIX, this.env.PUSH_DEDUP_SECONDS);
    this.queue = new Queue<PushJobData>(QUEUE, { connection, prefix: PREFIX });
    this.queue.on('error', (error) => this.logger.error(`push queue: ${error.message}`));
    // A few jobs at once, so one job's look-up and claims overlap another's requests; the semaphore bounds the requests.
    this.worker = new Worker<PushJobData | LegacyJobData>(QUEUE, (job) => this.run(job), {
      connection, prefix: PREFIX, concurrency: Math.max(2, Math.ceil(this.env.PUSH_CONCURRENCY / 8)),
      // Jobs of the earlier version name a custom back-off ('provider').
      settings: { backoffStrategy: (attemptsMade: number) => this.backoff(attemptsMade, []) },
    });
    this.worker.on('failed', (job, error) => this.logger.error(`push job ${job?.id} failed: ${error.message}`));
    this.worker.on('error', (error) => this.logger.error(`push worker: ${error.message}`));
  }

  /** Queues the pushes of one push.requested event (or of one bare push, the earlier shape); answers how many were valid. */
  async enqueue(event: PushRequestedEvent | PushRequest): Promise<number> {
    if (!this.queue) return 0;
    const given: unknown[] = Array.isArray((event as Partial<PushRequestedEvent> | null)?.pushes) ? (event as PushRequestedEvent).pushes : [event];
    const pushes = given.map(validPush).filter((p): p is PushRequest => p !== undefined);
    if (pushes.length < given.length) this.logger.warn(`${given.length - pushes.length} push(es) without a valid messageId, userId, title and body: dropped`);
    if (pushes.length === 0) return 0;
    const jobs = [];
    for (let i = 0; i < pushes.length; i += JOB_PUSHES) {
      const part = pushes.slice(i, i + JOB_PUSHES);
      const root = pushJobId(part);
      jobs.push({ name: 'push', data: { owner: randomUUID(), root, attempt: 1, pushes: part }, opts: { ...this.jobOptions(), jobId: root } });
    }
    await this.queue.addBulk(jobs);
    return pushes.length;
  }

  /** Whole-job attempts cover a failed look-up or claim (nothing sent yet); deliveries retry as jobs of their own. */
  private jobOptions(): JobsOptions {
    return {
      attempts: this.env.PUSH_MAX_ATTEMPTS, backoff: { type: 'exponential', delay: this.env.PUSH_BACKOFF_MS },
      removeOnComplete: { age: 3600, count: 10_000 }, removeOnFail: { age: 7 * 86_400 },
    };
  }

  private async run(job: Job<PushJobData | LegacyJobData>): Promise<void> {
    const data = 'messageId' in job.data ? this.fromLegacy(job as Job<LegacyJobData>) : job.data;
    const { owner, root, attempt } = data;
    const deliveries = data.deliveries ? await this.stillTheirs(data.deliveries) : await this.targetsOf(data.pushes ?? []);
    const claimed = await this.claims!.claim(deliveries.map((d) => d.id), owner);
    const max = this.env.PUSH_MAX_ATTEMPTS;
    const retry: { delivery: Delivery; error: PushProviderError }[] = [];
    await Promise.all(deliveries.filter((_, i) => claimed[i]).map((d) => this.sending.run(async () => {
      try {
        const done = await this.delivery.deliver(this.providers.for(d.type)!, d, attempt, max);
        if (done.result === 'retry') retry.push({ delivery: d, error: done.error });
      } catch (error) {
        // Removing a dead device or recording a failure did not work (database down): the delivery is tried again.
        if (attempt < max) retry.push({ delivery: d, error: networkError(error) });
        else this.logger.error(`push ${d.messageId} to a ${d.type} device of ${d.userId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    })));
    if (retry.length === 0) return;
    await this.queue!.add('retry', { owner, root, attempt: attempt + 1, deliveries: retry.map((r) => r.delivery) },
      { ...this.jobOptions(), jobId: `${root}.r${attempt + 1}`, delay: this.backoff(attempt, retry.map((r) => r.error)) });
  }

  /** A job queued by the earlier version (one delivery, its id the delivery id) goes on as a retry job. */
  private fromLegacy(job: Job<LegacyJobData>): PushJobData {
    const { type, token, channel, ...push } = job.data;
    const id = deliveryJobId(push.messageId, { type, token, channel });
    return { owner: `legacy.${id}`, root: `legacy.${id}`, attempt: job.attemptsMade + 1, deliveries: [deliveryOf(push, { type, token, channel }, id)] };
  }

  /** Every device (whose provider is on) of each push's user, now; a delivery id once per job. */
  private async targetsOf(pushes: PushRequest[]): Promise<Delivery[]> {
    const devices = await this.devices.pushTargetsOf([...new Set(pushes.map((p) => p.userId))]);
    const seen = new Set<string>();
    const out: Delivery[] = [];
    for (const push of pushes) {
      for (const device of devices.get(push.userId) ?? []) {
        const id = deliveryJobId(push.messageId, device);
        if (!this.providers.for(device.type) || seen.has(id)) continue;
        seen.add(id);
        out.push(deliveryOf(push, device, id));
      }
    }
    return out;
  }

  /** The retried deliveries whose device is still their user's (it may have moved to another user or been removed). */
  private async stillTheirs(deliveries: Delivery[]): Promise<Delivery[]> {
    const devices = await this.devices.pushTargetsOf([...new Set(deliveries.map((d) => d.userId))]);
    return deliveries.filter((d) => {
      const kept = (devices.get(d.userId) ?? []).some((x) => x.type === d.type && x.token === d.token && x.channel === d.channel);
      if (!kept) this.delivery.metrics.onSkipped('device_gone');
      return kept;
    });
  }

  /** The longest wait any of them asks for: its Retry-After, else base × 2^(n-1) with ±20 % jitter. */
  private backoff(attemptsMade: number, errors: PushProviderError[]): number {
    const cap = this.env.PUSH_MAX_RETRY_AFTER_MS;
    const exponential = Math.round(this.env.PUSH_BACKOFF_MS * 2 ** Math.max(0, attemptsMade - 1) * (0.8 + Math.random() * 0.4));
    const waits = errors.map((e) => e.retryAfterMs ?? exponential);
    return Math.min(cap, waits.length > 0 ? Math.max(...waits) : exponential);
  }

  async onApplicationShutdown(): Promise<void> {
    await closeWithin(async () => { await this.worker?.close(); await this.queue?.close(); }, this.connection);
    await this.providers.close();
  }
}

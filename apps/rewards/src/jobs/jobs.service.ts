import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { Registry } from 'prom-client';
import { METRICS_REGISTRY } from '#libs/observability';
import { closeWithin, createRedis, type RedisClient } from '#libs/redis';
import { transportOptionsFrom } from '#libs/transport';
import { RulesCatalog } from '../common/rules-catalog.service.js';
import { RewardsEnv } from '../config/rewards-env.js';
import { recomputeMonthEnd } from '../levels/month-end.js';
import { MonthEndRepository } from '../levels/month-end.repository.js';
import { MonthEndProgressReporter } from '../levels/month-end-progress.js';
import { RemindersService } from '../reminders/reminders.service.js';
import { UserStatsEmitter } from '../stats/user-stats.emitter.js';
import { PushEmitter } from '../push/push-emitter.js';

export type JobName = 'month-end' | 'reminders' | 'push-relay';
const QUEUE = 'rewards-jobs';

/** BullMQ keys share the `{rewards}` hash tag: on a Redis Cluster a queue must live in one slot. */
const PREFIX = '{rewards}';

/**
 * Month-end level recomputation, reminders and the push relay as BullMQ job schedulers: every replica upserts the
 * same schedulers, BullMQ enqueues one job per tick and exactly one worker (replica) takes it.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private queue?: Queue;
  private worker?: Worker;
  private connection?: RedisClient;
  private readonly monthEnd: MonthEndProgressReporter;

  constructor(private readonly monthEndSql: MonthEndRepository, private readonly reminders: RemindersService, private readonly catalog: RulesCatalog, private readonly env: RewardsEnv, private readonly stats: UserStatsEmitter,
    private readonly push: PushEmitter, @Optional() @Inject(METRICS_REGISTRY) registry?: Registry) {
    this.monthEnd = new MonthEndProgressReporter(registry ?? new Registry(), this.logger);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.env.RUN_JOBS) return;
    const connection = createRedis(transportOptionsFrom(this.env), { maxRetriesPerRequest: null });
    this.connection = connection;
    this.queue = new Queue(QUEUE, { connection, prefix: PREFIX });
    // Without listeners BullMQ prints its errors (Redis away) with console.error: not JSON lines.
    this.queue.on('error', (error) => this.logger.error(`jobs queue: ${error.message}`));
    await this.queue.upsertJobScheduler('month-end', { every: this.env.MONTH_END_EVERY_MS }, { name: 'month-end', opts: { removeOnComplete: 100, removeOnFail: 100 } });
    await this.queue.upsertJobScheduler('reminders', { every: this.env.REMINDERS_EVERY_MS }, { name: 'reminders', opts: { removeOnComplete: 100, removeOnFail: 100 } });
    await this.queue.upsertJobScheduler('push-relay', { every: this.env.PUSH_RELAY_EVERY_MS }, { name: 'push-relay', opts: { removeOnComplete: 100, removeOnFail: 100 } });
    this.worker = new Worker(QUEUE, (job: Job) => this.run(job.name as JobName), { connection, prefix: PREFIX, concurrency: 1 });
    this.worker.on('failed', (job, error) => this.logger.error(`job ${job?.name} failed: ${error.message}`));
    this.worker.on('error', (error) => this.logger.error(`jobs worker: ${error.message}`));
  }

  async run(job: JobName, now = new Date()): Promise<Record<string, number>> {
    const result = await this.runJob(job, now);
    if (job !== 'push-relay' || result.relayed > 0) this.logger.log(`${job}: ${JSON.stringify(result)}`);
    return { ...result };
  }

  private async runJob(job: JobName, now: Date): Promise<Record<string, number>> {
    // Level changes reach phones through the you_reached_level / you_dropped_level reminders.
    if (job === 'push-relay') return this.push.relayUnsent(now, this.env.PUSH_RELAY_MIN_AGE_MS, this.env.PUSH_RELAY_MAX_AGE_MS);
    const { levels, reminderRules } = await this.catalog.get();
    if (job === 'month-end') {
      this.monthEnd.started();
      try {
        return { ...await recomputeMonthEnd(this.monthEndSql, levels, now, 5000, (changes) => changes.forEach((c) => this.stats.changed(c.userId, 'level')), this.monthEnd.progress) };
      } finally {
        this.monthEnd.finished();
      }
    }
    return this.reminders.evaluate(reminderRules, levels, now, 500, { title: this.env.PUSH_TITLE, onPush: (event) => this.push.emit([event]) });
  }

  async onApplicationShutdown(): Promise<void> {
    await closeWithin(async () => { await this.worker?.close(); await this.queue?.close(); }, this.connection);
  }
}

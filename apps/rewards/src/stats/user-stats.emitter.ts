import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { Events, USER_STATS_EVENT_MAX, type UserStatsBatchEvent, type UserStatsPart } from '#libs/contracts';
import type { RedisStreamsClient } from '#libs/transport';
import { EVENTS_CLIENT } from '../events/events.module.js';
import { UserStatsReader } from './user-stats.reader.js';

/** Changes of the same users within this window travel as one snapshot each. */
const FLUSH_DELAY_MS = 5;
/** Users per snapshot transaction. */
const FLUSH_BATCH = 500;
/** After a failed snapshot (database or Redis away) its users are tried again this much later. */
const RETRY_DELAY_MS = 1000;

/**
 * Tells identity's users admin read model what changed: callers name the user and the parts a
 * committed change touched (`changed`); shortly after, the emitter reads those parts again from
 * rewards' tables (UserStatsReader: absolute values and a version) and emits them as one
 * `user.stats` batch (USER_STATS_EVENT_MAX users an event at most): one sealed stream entry per
 * round, not one per user. Changes that arrive while a snapshot runs are collected for the next
 * one, so a busy user costs one snapshot per round, not one per input. Fire and forget: the input is already
 * committed; a snapshot lost with a crashed replica is corrected by the user's next change or by
 * identity's reconciliation (check-user-stats).
 */
@Injectable()
export class UserStatsEmitter implements OnApplicationShutdown {
  private readonly logger = new Logger('UserStats');
  private dirty = new Map<string, Set<UserStatsPart>>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private retryAt = 0;

  constructor(@Inject(EVENTS_CLIENT) private readonly client: RedisStreamsClient, private readonly reader: UserStatsReader) {}

  changed(userId: string, ...parts: UserStatsPart[]): void {
    const mine = this.dirty.get(userId) ?? new Set<UserStatsPart>();
    for (const p of parts) mine.add(p);
    this.dirty.set(userId, mine);
    this.schedule();
  }

  /** Resolves once every change noted so far has been emitted, or after `rounds` failed tries (shutdown). */
  async flushed(rounds = 10): Promise<void> {
    for (let i = 0; i < rounds && (this.dirty.size > 0 || this.running); i++) {
      clearTimeout(this.timer);
      this.timer = undefined;
      await (this.running ?? this.flush());
    }
  }

  private schedule(delay = FLUSH_DELAY_MS): void {
    if (this.timer || this.running) return;
    this.timer = setTimeout(() => { this.timer = undefined; void this.flush(); }, delay);
  }

  private flush(): Promise<void> {
    if (this.running || this.dirty.size === 0) return this.running ?? Promise.resolve();
    const batch = new Map<string, Set<UserStatsPart>>();
    for (const [id, parts] of this.dirty) {
      if (batch.size === FLUSH_BATCH) break;
      batch.set(id, parts);
      this.dirty.delete(id);
    }
    this.running = this.emitSnapshots(batch).finally(() => {
      this.running = undefined;
      if (this.dirty.size > 0) this.schedule(Math.max(FLUSH_DELAY_MS, this.retryAt - Date.now()));
    });
    return this.running;
  }

  private async emitSnapshots(batch: Map<string, Set<UserStatsPart>>): Promise<void> {
    try {
      const events = await this.reader.snapshots(batch);
      const chunks = Array.from({ length: Math.ceil(events.length / USER_STATS_EVENT_MAX) }, (_, i) => events.slice(i * USER_STATS_EVENT_MAX, (i + 1) * USER_STATS_EVENT_MAX));
      await Promise.all(chunks.map((users) => firstValueFrom(this.client.emit(Events.UserStats, { users } satisfies UserStatsBatchEvent), { defaultValue: null })));
    } catch (error) {
      this.logger.warn({ msg: 'user.stats not sent, trying again', users: batch.size, error: (error as Error)?.message ?? JSON.stringify(error) });
      for (const [id, parts] of batch) this.changed(id, ...parts);
      this.retryAt = Date.now() + RETRY_DELAY_MS;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flushed().catch(() => undefined); // the shared client closes after this (RewardsEventsModule)
  }
}

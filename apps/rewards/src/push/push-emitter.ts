import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { Events, PUSH_REQUESTED_MAX, type PushRequest, type PushRequestedEvent } from '#libs/contracts';
import type { RedisStreamsClient } from '#libs/transport';
import { EVENTS_CLIENT } from '../events/events.module.js';
import { eventOfRow, OutboxRepository } from './outbox.repository.js';

/** How long the first push waits for company before its event goes (pushes are not that urgent). */
const LINGER_MS = 10;

const outboxIdOf = (push: PushRequest) => push.messageId.slice(push.messageId.lastIndexOf('.') + 1);

/**
 * Hands recorded pushes to identity (`push.requested`) and marks their outbox rows sent. Pushes
 * handed over within LINGER_MS, or while an emit is on its way, go together as one event of up to
 * PUSH_REQUESTED_MAX (a timeline message per user under load costs one event per batch, not per
 * push). An emit that fails leaves the rows unsent: `relayUnsent` (a scheduled job) emits them
 * again later, and identity delivers a message id at most once per device, so repeating is harmless.
 */
@Injectable()
export class PushEmitter implements OnApplicationShutdown {
  private readonly logger = new Logger('Push');
  /** Pushes waiting for the next event, and who waits for them. */
  private queued: PushRequest[] = [];
  private waiting: (() => void)[] = [];
  private draining = false;
  /** Outbox ids emitted but not yet marked sent: one UPDATE for many (a lost mark only means one harmless re-emit). */
  private unmarked: string[] = [];
  private flushing?: Promise<void>;

  constructor(@Inject(EVENTS_CLIENT) private readonly client: RedisStreamsClient, private readonly outbox: OutboxRepository) {}

  /** Resolves once the pushes are emitted (or left to the relay); never throws: they are already recorded. */
  emit(pushes: PushRequest[]): Promise<void> {
    if (pushes.length === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.queued.push(...pushes);
      this.waiting.push(resolve);
      if (this.draining) return;
      this.draining = true;
      setTimeout(() => void this.drain(), LINGER_MS);
    });
  }

  private async drain(): Promise<void> {
    while (this.queued.length > 0) {
      const pushes = this.queued;
      const waiting = this.waiting;
      this.queued = [];
      this.waiting = [];
      const events: PushRequest[][] = [];
      for (let i = 0; i < pushes.length; i += PUSH_REQUESTED_MAX) events.push(pushes.slice(i, i + PUSH_REQUESTED_MAX));
      await Promise.all(events.map((batch) => this.emitNow(batch)));
      for (const resolve of waiting) resolve();
    }
    this.draining = false;
  }

  private async emitNow(pushes: PushRequest[]): Promise<void> {
    try {
      await firstValueFrom(this.client.emit(Events.PushRequested, { pushes } satisfies PushRequestedEvent), { defaultValue: undefined });
    } catch (error) {
      this.logger.warn(`push.requested for ${pushes.length} message(s) not sent yet (the relay repeats them): ${error instanceof Error ? error.message : JSON.stringify(error)}`);
      return;
    }
    this.unmarked.push(...pushes.map(outboxIdOf));
    this.flushing ??= new Promise<void>((resolve) => setTimeout(resolve, 50)).then(() => this.markSent());
  }

  private async markSent(): Promise<void> {
    const ids = this.unmarked;
    this.unmarked = [];
    this.flushing = undefined;
    try {
      await this.outbox.markSent(ids);
    } catch (error) {
      this.logger.warn(`${ids.length} emitted push(es) not marked sent (the relay will emit them again): ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Marks what was emitted so far (tests and the relay wait for it). */
  async flush(): Promise<void> {
    if (this.flushing) await this.flushing;
  }

  /** Emits pushes recorded more than `minAgeMs` ago (and less than `maxAgeMs`) that are still unsent. */
  async relayUnsent(now: Date, minAgeMs: number, maxAgeMs: number, batch = 500): Promise<{ relayed: number }> {
    let relayed = 0;
    let cursor = '0';
    for (;;) {
      const rows = await this.outbox.unsent(cursor, new Date(now.getTime() - minAgeMs), new Date(now.getTime() - maxAgeMs), batch);
      if (rows.length === 0) return { relayed };
      const events = rows.map(eventOfRow).filter((e): e is PushRequest => e !== undefined);
      await this.emit(events);
      await this.flush();
      relayed += events.length;
      cursor = rows[rows.length - 1].id;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    while (this.draining) await new Promise((resolve) => setTimeout(resolve, 10));
    await this.flush(); // the shared client closes after this (RewardsEventsModule)
  }
}

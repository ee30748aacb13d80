import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { Events, type PushRequestedEvent } from '#libs/contracts';
import { RedisStreamsClient, transportOptionsFrom } from '#libs/transport';
import { RewardsEnv } from '../config/rewards-env.js';
import { eventOfRow } from './push-outbox.js';

const outboxIdOf = (event: PushRequestedEvent) => event.messageId.slice(event.messageId.lastIndexOf('.') + 1);

/**
 * Hands recorded pushes to identity (`push.requested`) and marks their outbox rows sent. An emit
 * that fails leaves the row unsent: `relayUnsent` (a scheduled job) emits it again later, and
 * identity delivers a message id at most once per device, so repeating is harmless.
 */
@Injectable()
export class PushEmitter implements OnApplicationShutdown {
  private readonly logger = new Logger('Push');
  private readonly client: RedisStreamsClient;
  /** Outbox ids emitted but not yet marked sent: one UPDATE for many (a lost mark only means one harmless re-emit). */
  private unmarked: string[] = [];
  private flushing?: Promise<void>;

  constructor(env: RewardsEnv, @Inject(DataSource) private readonly ds: DataSource) {
    this.client = new RedisStreamsClient({ ...transportOptionsFrom(env), caller: 'rewards' });
  }

  /** Never throws: the pushes are already recorded. */
  async emit(events: PushRequestedEvent[]): Promise<void> {
    if (events.length === 0) return;
    try {
      await Promise.all(events.map((event) => firstValueFrom(this.client.emit(Events.PushRequested, event), { defaultValue: undefined })));
    } catch (error) {
      this.logger.warn(`push.requested for ${events.length} message(s) not sent yet (the relay repeats them): ${error instanceof Error ? error.message : JSON.stringify(error)}`);
      return;
    }
    this.unmarked.push(...events.map(outboxIdOf));
    this.flushing ??= new Promise<void>((resolve) => setTimeout(resolve, 50)).then(() => this.markSent());
  }

  private async markSent(): Promise<void> {
    const ids = this.unmarked;
    this.unmarked = [];
    this.flushing = undefined;
    try {
      await this.ds.query('UPDATE rewards.outbox SET sent_at = now() WHERE id = ANY($1::bigint[])', [ids]);
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
      const rows = await this.ds.query(
        `SELECT id, user_id, payload FROM rewards.outbox
         WHERE channel = 'push' AND sent_at IS NULL AND id > $1 AND created_at < $2 AND created_at > $3 ORDER BY id LIMIT ${batch}`,
        [cursor, new Date(now.getTime() - minAgeMs), new Date(now.getTime() - maxAgeMs)],
      ) as { id: string; user_id: string; payload: Record<string, unknown> }[];
      if (rows.length === 0) return { relayed };
      const events = rows.map(eventOfRow).filter((e): e is PushRequestedEvent => e !== undefined);
      await this.emit(events);
      await this.flush();
      relayed += events.length;
      cursor = rows[rows.length - 1].id;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
    await this.client.close();
  }
}

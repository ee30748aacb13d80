import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

const S = 'participants_billing';

/** Ids of the Stripe events applied (each event's effect is written with its id, once). */
@Injectable()
export class StripeEventsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** False when the event was recorded before (a replay or a redelivery). */
  async recordOnce(m: EntityManager, eventId: string, type: string): Promise<boolean> {
    const fresh: unknown[] = await m.query(
      `INSERT INTO ${S}.stripe_events (event_id, type) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [eventId, type]);
    return fresh.length > 0;
  }
}

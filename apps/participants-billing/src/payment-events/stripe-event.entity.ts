import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A Stripe webhook event applied (in the same transaction as its effect): a replay finds it here. */
@Entity({ name: 'stripe_events' })
export class StripeEvent {
  @PrimaryColumn('text', { name: 'event_id' })
  eventId: string;

  @Column('text')
  type: string;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type CustomerOwnerType = 'participant' | 'user';

/** Only Stripe's ids and the card's brand, last4 and expiry: never the number or the CVC. */
@Entity({ name: 'payment_customers' })
export class PaymentCustomer {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('text', { name: 'owner_type' })
  ownerType: CustomerOwnerType;

  @Column('text', { name: 'owner_id' })
  ownerId: string;

  @Column('text', { name: 'stripe_customer_id' })
  stripeCustomerId: string;

  @Column('text', { name: 'stripe_payment_method_id' })
  stripePaymentMethodId: string;

  @Column('text')
  brand: string;

  @Column('text')
  last4: string;

  @Column('integer', { name: 'exp_month' })
  expMonth: number;

  @Column('integer', { name: 'exp_year' })
  expYear: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt: Date | null;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TopupPaymentStatus } from '#libs/contracts';

/**
 * One automatic top-up of a deposit: at most one `pending`/`processing` per participant (a
 * unique partial index), credited to the ledger only once Stripe confirms the payment.
 */
@Entity({ name: 'deposit_topup_payments' })
export class TopupPayment {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('text', { name: 'participant_id' })
  participantId: string;

  @Column('text')
  status: TopupPaymentStatus;

  /** Minor units of `currency`. */
  @Column('integer')
  amount: number;

  @Column('text')
  currency: string;

  /** Coins credited when the payment succeeds (numeric(78,0) as a string). */
  @Column('numeric', { precision: 78, scale: 0 })
  coins: string;

  @Column('text', { name: 'payment_intent_id', nullable: true })
  paymentIntentId: string | null;

  @Column('text', { name: 'charge_id', nullable: true })
  chargeId: string | null;

  @Column('text', { name: 'failure_code', nullable: true })
  failureCode: string | null;

  @Column('text', { name: 'failure_message', nullable: true })
  failureMessage: string | null;

  @Column('integer', { name: 'refunded_amount', default: 0 })
  refundedAmount: number;

  /** Coins taken back from the deposit for refunds so far. */
  @Column('numeric', { name: 'refunded_coins', precision: 78, scale: 0, default: 0 })
  refundedCoins: string;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('timestamptz', { name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

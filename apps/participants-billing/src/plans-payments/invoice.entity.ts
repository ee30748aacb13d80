import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * `none`: nothing to charge (free plan, or no card: an operator's grant); otherwise the state
 * of the invoice's PaymentIntent, `pending` while it is not at Stripe yet (being made or retried).
 */
export type InvoiceStatus = 'none' | 'pending' | 'requires_action' | 'processing' | 'succeeded' | 'failed' | 'refunded' | 'partially_refunded';

/** One paid period set for a participant; the invoice number comes from a sequence. */
@Entity({ name: 'invoices' })
export class Invoice {
  @PrimaryColumn('bigint', { name: 'invoice_number' })
  invoiceNumber: string;

  @Column('text', { name: 'participant_id' })
  participantId: string;

  @Column('text')
  plan: string;

  @Column('date', { name: 'paid_from' })
  paidFrom: string;

  @Column('date', { name: 'paid_to' })
  paidTo: string;

  /** Minor units of `currency` (cents). */
  @Column('integer', { default: 0 })
  amount: number;

  @Column('text', { nullable: true })
  currency: string | null;

  @Column('text', { default: 'none' })
  status: InvoiceStatus;

  @Column('text', { name: 'payment_intent_id', nullable: true })
  paymentIntentId: string | null;

  @Column('text', { name: 'stripe_charge_id', nullable: true })
  stripeChargeId: string | null;

  @Column('integer', { name: 'refunded_amount', default: 0 })
  refundedAmount: number;

  @Column('text', { name: 'failure_code', nullable: true })
  failureCode: string | null;

  @Column('text', { name: 'failure_message', nullable: true })
  failureMessage: string | null;

  @Column('integer', { default: 0 })
  attempts: number;

  /** When the retry loop next makes (pending) or looks up (processing) the PaymentIntent. */
  @Column('timestamptz', { name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  /** The participant's paid period was set from this invoice (once: a late webhook must not undo a newer period). */
  @Column('boolean', { name: 'period_applied', default: false })
  periodApplied: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

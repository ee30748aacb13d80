import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

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

  @Column('integer', { default: 0 })
  amount: number;

  @Column('text', { name: 'stripe_charge_id', nullable: true })
  stripeChargeId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type DepositOperationKind = 'charge' | 'credit';

/** One charge or credit with its idempotency key and outcome (unique per participant, kind and key). */
@Entity({ name: 'deposit_operations' })
export class DepositOperation {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('text', { name: 'participant_id' })
  participantId: string;

  @Column('text')
  kind: DepositOperationKind;

  @Column('text', { name: 'idempotency_key' })
  idempotencyKey: string;

  @Column('numeric', { precision: 78, scale: 0 })
  amount: string;

  /** Fee taken from the balance. */
  @Column('numeric', { precision: 78, scale: 0, default: 0 })
  fee: string;

  /** Fee added to the participant's invoice instead. */
  @Column('numeric', { name: 'invoice_fee', precision: 78, scale: 0, default: 0 })
  invoiceFee: string;

  @Column('numeric', { name: 'balance_after', precision: 78, scale: 0 })
  balanceAfter: string;

  @Column('text', { nullable: true })
  reference: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

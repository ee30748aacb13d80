import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type LedgerEntryType = 'credit' | 'charge' | 'fee';

/** Append-only (a trigger rejects UPDATE and DELETE). Charges and fees are negative amounts. */
@Entity({ name: 'deposit_ledger' })
export class LedgerEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('text', { name: 'participant_id' })
  participantId: string;

  @Column('text', { name: 'entry_type' })
  entryType: LedgerEntryType;

  @Column('numeric', { precision: 78, scale: 0 })
  amount: string;

  @Column('bigint', { name: 'operation_id' })
  operationId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

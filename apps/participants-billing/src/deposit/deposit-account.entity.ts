import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The balance row of a participant: the sum of its ledger, kept here so that a charge can lock
 * it (SELECT ... FOR UPDATE). CHECK (coins >= 0) is the last guard against a negative balance.
 */
@Entity({ name: 'deposit_accounts' })
export class DepositAccount {
  @PrimaryColumn('text', { name: 'participant_id' })
  participantId: string;

  @Column('text', { unique: true })
  address: string;

  /** numeric(78,0) as a string. */
  @Column('numeric', { precision: 78, scale: 0, default: 0 })
  coins: string;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

export type FeeType = 'percentages' | 'coins';
export type FeeSource = 'invoice' | 'balance';
export type SettingStatus = 'active' | 'inactive';

/** Current transaction fee of a participant. */
@Entity({ name: 'deposit_fees' })
export class FeeSetting {
  @PrimaryColumn('text', { name: 'participant_id' })
  participantId: string;

  @Column('text')
  type: FeeType;

  /** percentages: hundredths of a percent (5000 = 50 %); unused for coins. */
  @Column('integer', { name: 'percent_hundredths', nullable: true })
  percentHundredths: number | null;

  /** coins: numeric(78,0) as a string; unused for percentages. */
  @Column('numeric', { precision: 78, scale: 0, nullable: true })
  coins: string | null;

  @Column('text')
  source: FeeSource;

  @Column('text')
  status: SettingStatus;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}

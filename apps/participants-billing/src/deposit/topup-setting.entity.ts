import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SettingStatus } from './fee-setting.entity.js';

/** Automatic top-up of a participant's deposit. */
@Entity({ name: 'deposit_topups' })
export class TopupSetting {
  @PrimaryColumn('text', { name: 'participant_id' })
  participantId: string;

  /** In the currency's minor units as the doc shows (20000). */
  @Column('integer')
  amount: number;

  @Column('text')
  currency: string;

  @Column('text')
  frequency: 'daily' | 'weekly' | 'monthly';

  @Column('numeric', { name: 'coins_threshold', precision: 78, scale: 0 })
  coinsThreshold: string;

  @Column('boolean', { name: 'minimal_amount' })
  minimalAmount: boolean;

  @Column('text')
  status: SettingStatus;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}

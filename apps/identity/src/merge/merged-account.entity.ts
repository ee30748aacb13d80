import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A secondary account merged into a primary one (irreversible); its sign-in opens the primary's session. */
@Entity({ name: 'merged_accounts' })
export class MergedAccountEntity {
  @PrimaryColumn({ name: 'secondary_user_id', type: 'text' })
  secondaryUserId: string;

  @Column({ name: 'primary_user_id', type: 'text' })
  primaryUserId: string;

  @Column({ name: 'secondary_reg_type', type: 'text' })
  secondaryRegType: string;

  @Column({ name: 'merge_started_at', type: 'timestamptz' })
  mergeStartedAt: Date;

  @Column({ name: 'merge_ended_at', type: 'timestamptz', nullable: true })
  mergeEndedAt: Date | null;
}

import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type PendingStatus = 'draft' | 'submitted' | 'approved' | 'rejected';
/** Brand unlock (identity creates the participant on approval) or a registration billing recorded (billing approves it). */
export type PendingSource = 'brand-unlock' | 'registration';

/** What the user told us about the participant; never card data. */
export interface PendingDetails {
  company_prefix?: string;
  name?: string;
  brand_name?: string;
  participant_type?: string;
  country?: string;
  pending_plan?: string;
  gs1_activation_code?: string;
}

/** A participant registration waiting for a moderator (one per user). */
@Entity({ name: 'pending_participants' })
export class PendingParticipantEntity {
  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId: string;

  /** The moderator's approve/reject link code. */
  @Column({ type: 'uuid' })
  code: string;

  @Column({ type: 'text' })
  status: PendingStatus;

  @Column({ type: 'jsonb' })
  details: PendingDetails;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text', default: 'brand-unlock' })
  source: PendingSource;

  /** Billing's registration request id (source `registration`). */
  @Column({ name: 'source_ref', type: 'text', nullable: true })
  sourceRef: string | null;

  @Column({ name: 'participant_id', type: 'text', nullable: true })
  participantId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { BillingPlan } from '#libs/contracts';

export type RegistrationStatus = 'pending' | 'approved' | 'rejected';

/** `POST /account/participant`: a user's request to register a participant, with the caller's IP. */
@Entity({ name: 'registration_requests' })
export class RegistrationRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text', { name: 'user_id' })
  userId: string;

  @Column('text')
  ip: string;

  @Column('text', { name: 'company_prefix' })
  companyPrefix: string;

  @Column('text')
  name: string;

  @Column('text')
  country: string;

  @Column('text', { name: 'participant_type' })
  participantType: string;

  @Column('text', { name: 'brand_names', array: true, default: () => "'{}'" })
  brandNames: string[];

  @Column('text', { name: 'pending_plan' })
  pendingPlan: BillingPlan;

  @Column('text', { name: 'gs1_activation_code', nullable: true })
  gs1ActivationCode: string | null;

  @Column('timestamptz', { name: 'trial_started_at' })
  trialStartedAt: Date;

  @Column('text', { default: 'pending' })
  status: RegistrationStatus;

  @Column('text', { name: 'participant_id', nullable: true })
  participantId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

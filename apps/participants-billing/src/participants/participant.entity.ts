import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { BillingPlan } from '#libs/contracts';

export type ParticipantStatus = 'active' | 'deleted';

@Entity({ name: 'participants' })
export class Participant {
  /** `urn:authenticateit:participant:<number>` */
  @PrimaryColumn('text')
  id: string;

  @Column('bigint', { unique: true })
  number: string;

  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  country: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  modules: string[];

  @Column('text', { name: 'participant_type', array: true, default: () => "'{}'" })
  participantType: string[];

  @Column('text', { nullable: true })
  parent: string | null;

  @Column('jsonb', { default: () => "'{}'" })
  contacts: Partial<Record<'address' | 'city' | 'contact' | 'email' | 'facebook_url' | 'logo' | 'phone' | 'post_code', string>>;

  @Column('text', { name: 'gs1_activation_code', nullable: true })
  gs1ActivationCode: string | null;

  @Column('text', { name: 'brand_names', array: true, default: () => "'{}'" })
  brandNames: string[];

  @Column('text', { default: 'active' })
  status: ParticipantStatus;

  @Column('text', { name: 'billing_plan', default: 'custom' })
  billingPlan: BillingPlan;

  @Column('date', { name: 'paid_from', nullable: true })
  paidFrom: string | null;

  @Column('date', { name: 'paid_to', nullable: true })
  paidTo: string | null;

  @Column('timestamptz', { name: 'trial_from', nullable: true })
  trialFrom: Date | null;

  @Column('timestamptz', { name: 'trial_to', nullable: true })
  trialTo: Date | null;

  @Column('timestamptz', { name: 'billing_updated_at', nullable: true })
  billingUpdatedAt: Date | null;

  /** User who registered it (identity's user id). */
  @Column('text', { name: 'registered_by', nullable: true })
  registeredBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt: Date | null;
}

import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A user's roles in one participant. */
@Entity({ name: 'memberships' })
export class MembershipEntity {
  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId: string;

  @PrimaryColumn({ name: 'participant_id', type: 'text' })
  participantId: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles: string[];

  @Column({ name: 'last_access', type: 'timestamptz', nullable: true })
  lastAccess: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

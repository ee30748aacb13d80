import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type DeletionStatus = 'in_progress' | 'done';

/** One deletion per participant; done when every coupled service acknowledged it. */
@Entity({ name: 'deletion_requests' })
export class DeletionRequest {
  @PrimaryColumn('uuid', { name: 'request_id' })
  requestId: string;

  @Column('text', { name: 'participant_id', unique: true })
  participantId: string;

  @Column('text')
  status: DeletionStatus;

  @Column('text', { array: true, default: () => "'{}'" })
  acknowledged: string[];

  @Column('text', { name: 'requested_by', nullable: true })
  requestedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt: Date | null;
}

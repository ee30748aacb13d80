import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Pending email activation of one user. The code mailed in the link is stored only as its
 * sha256; the resend token is handed to the client at sign-in, so it is kept as is.
 */
@Entity({ name: 'activations' })
export class ActivationEntity {
  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId: string;

  @Column({ name: 'code_hash', type: 'text' })
  codeHash: string;

  @Column({ name: 'resend_token', type: 'uuid' })
  resendToken: string;

  @Column({ name: 'resend_count', type: 'int', default: 0 })
  resendCount: number;

  @Column({ name: 'resend_window_started_at', type: 'timestamptz', nullable: true })
  resendWindowStartedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

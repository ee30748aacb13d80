import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type RegType = 'email' | 'phone' | 'facebook' | 'google' | 'instagram' | 'twitter' | 'vk' | 'wechat';

/** A person's account; `id` is `urn:authenticateit:user:<reg_type>:<login>`. */
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'reg_type', type: 'text' })
  regType: RegType;

  /** Stored lower-cased. Unique among email-registered users. */
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash: string | null;

  @Column({ name: 'first_name', type: 'text', nullable: true }) firstName: string | null;
  @Column({ name: 'last_name', type: 'text', nullable: true }) lastName: string | null;
  @Column({ type: 'text', nullable: true }) gender: string | null;
  /** ISO date `YYYY-MM-DD`; kept as text so no time zone can shift it. */
  @Column({ type: 'text', nullable: true }) birthdate: string | null;
  @Column({ type: 'text', nullable: true }) photo: string | null;
  @Column({ type: 'text', nullable: true }) country: string | null;
  @Column({ type: 'text', nullable: true }) language: string | null;
  @Column({ type: 'text', nullable: true }) city: string | null;
  @Column({ name: 'post_code', type: 'text', nullable: true }) postCode: string | null;
  @Column({ type: 'text', nullable: true }) address1: string | null;
  @Column({ type: 'text', nullable: true }) address2: string | null;
  @Column({ name: 'job_title', type: 'text', nullable: true }) jobTitle: string | null;

  @Column({ name: 'phone_verified', type: 'boolean', default: false })
  phoneVerified: boolean;

  /** Minutes east of UTC, -720..840 (POST /account/locale). */
  @Column({ name: 'timezone_min', type: 'int', nullable: true })
  timezoneMin: number | null;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  @Column({ name: 'blocked_at', type: 'timestamptz', nullable: true })
  blockedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

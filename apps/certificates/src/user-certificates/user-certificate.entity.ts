import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'user_certificates' })
export class UserCertificateEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'issue_key' }) issueKey: string;
  @Column('text', { name: 'user_id' }) userId: string;
  @Column('text', { name: 'item_id' }) itemId: string;
  @Column('text', { name: 'promo_code_id', nullable: true }) promoCodeId: string | null;
  @Column('text', { name: 'round_id', nullable: true }) roundId: string | null;
  @Column('text', { nullable: true }) text: string | null;
  @Column('jsonb', { name: 'attribute_values', default: () => `'[]'` }) attributeValues: unknown[];
  @Column('boolean', { name: 'is_activated', default: false }) isActivated: boolean;
  @Column('timestamptz', { name: 'activated_at', nullable: true }) activatedAt: Date | null;
  @Column('text', { name: 'activated_by', nullable: true }) activatedBy: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  /** The finished document of GET /users/certificates (see user-certificate-row.ts). */
  @Column('json') view: unknown;
  @Column('timestamptz', { name: 'archival_at', nullable: true }) archivalAt: Date | null;
}

import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Written and read with set-based SQL (see payment-certificates.repository.ts); mapped for the schema's sake
 * (keys and collation as of migration PaymentCertificateKeys1767900000000). */
@Entity({ name: 'payment_certificates' })
export class PaymentCertificateEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'BY DEFAULT' }) id: string;
  @PrimaryColumn({ type: 'text', name: 'participant_id', collation: 'C' }) participantId: string;
  @Column({ type: 'text', collation: 'C' }) code: string;
  @Column('boolean', { name: 'is_active', default: true }) isActive: boolean;
  @Column('integer', { default: 0 }) value: number;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Written and read with set-based SQL (see payment-certificates.repository.ts); mapped for the schema's sake. */
@Entity({ name: 'payment_certificates' })
export class PaymentCertificateEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'BY DEFAULT' }) id: string;
  @Column('text', { name: 'participant_id' }) participantId: string;
  @Column('text') code: string;
  @Column('boolean', { name: 'is_active', default: true }) isActive: boolean;
  @Column('integer', { default: 0 }) value: number;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

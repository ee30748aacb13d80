import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The store, item, promo code and round a user certificate points at (upserted on issue). */
@Entity({ name: 'stores' })
export class StoreEntity {
  @PrimaryColumn('integer') id: number;
  @Column('text', { name: 'participant_id' }) participantId: string;
  @Column('text') name: string;
  @Column('boolean', { name: 'is_blogger', default: false }) isBlogger: boolean;
  @Column('text', { name: 'seller_type', nullable: true }) sellerType: string | null;
  @Column('text', { name: 'logo_url', nullable: true }) logoUrl: string | null;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity({ name: 'items' })
export class ItemEntity {
  @PrimaryColumn('text') id: string;
  @Column('integer', { name: 'store_id' }) storeId: number;
  @Column('text') name: string;
  @Column('numeric', { name: 'platform_price', precision: 14, scale: 2, nullable: true }) platformPrice: string | null;
  @Column('numeric', { precision: 14, scale: 2, nullable: true }) price: string | null;
  @Column('text', { name: 'format_price', nullable: true }) formatPrice: string | null;
  @Column('text', { nullable: true }) sku: string | null;
  @Column('timestamptz', { name: 'start_time', nullable: true }) startTime: Date | null;
  @Column('timestamptz', { name: 'end_time', nullable: true }) endTime: Date | null;
  @Column('integer', { nullable: true }) duration: number | null;
  @Column('text', { name: 'event_type', nullable: true }) eventType: string | null;
  @Column('jsonb', { default: () => `'[]'` }) assets: unknown[];
  @Column('integer', { name: 'participants_limit', nullable: true }) participantsLimit: number | null;
  @Column('jsonb', { nullable: true }) location: unknown;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity({ name: 'promo_codes' })
export class PromoCodeEntity {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'promo_code' }) promoCode: string;
  @Column('numeric', { name: 'discount_percent', precision: 7, scale: 2, nullable: true }) discountPercent: string | null;
  @Column('timestamptz', { name: 'expired_at', nullable: true }) expiredAt: Date | null;
  @Column('boolean', { name: 'is_for_winner', default: false }) isForWinner: boolean;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity({ name: 'rounds' })
export class RoundEntity {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'uniq_id' }) uniqId: string;
}

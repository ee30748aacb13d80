import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { IssueCertificateDto } from './issue-certificate.dto.js';
import { ACTIVATION_FACTS_SELECT, type ActivationFacts, USER_CERTIFICATE_SELECT, type UserCertificateRow } from './user-certificate-row.js';

const S = 'certificates';

@Injectable()
export class UserCertificatesRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Newest first, straight off the (user_id, created_at DESC, id DESC) index. */
  listForUser(userId: string): Promise<UserCertificateRow[]> {
    return this.dataSource.query(`${USER_CERTIFICATE_SELECT} WHERE c.user_id = $1 ORDER BY c.created_at DESC, c.id DESC`, [userId]);
  }

  async get(id: string, m: EntityManager = this.dataSource.manager): Promise<UserCertificateRow | undefined> {
    const rows: UserCertificateRow[] = await m.query(`${USER_CERTIFICATE_SELECT} WHERE c.id = $1`, [id]);
    return rows[0];
  }

  async activationFacts(id: string): Promise<ActivationFacts | undefined> {
    const rows: ActivationFacts[] = await this.dataSource.query(`${ACTIVATION_FACTS_SELECT} WHERE c.id = $1`, [id]);
    return rows[0];
  }

  async findByIssueKey(issueKey: string, m: EntityManager = this.dataSource.manager): Promise<{ id: string; user_id: string } | undefined> {
    const rows: { id: string; user_id: string }[] = await m.query(
      `SELECT id, user_id FROM ${S}.user_certificates WHERE issue_key = $1`, [issueKey]);
    return rows[0];
  }

  exists(id: string): Promise<boolean> {
    return this.dataSource.query(`SELECT 1 FROM ${S}.user_certificates WHERE id = $1`, [id]).then((rows: unknown[]) => rows.length > 0);
  }

  /**
   * Upserts the catalogue rows the certificate points at, then inserts the certificate unless
   * its issue key exists. Returns the new id, or undefined when the key was taken meanwhile.
   */
  async issue(m: EntityManager, dto: IssueCertificateDto): Promise<string | undefined> {
    const { item, promo_code: promo, round } = dto;
    const store = item.store;
    await m.query(
      `INSERT INTO ${S}.stores (id, participant_id, name, is_blogger, seller_type, logo_url) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET participant_id = EXCLUDED.participant_id, name = EXCLUDED.name, is_blogger = EXCLUDED.is_blogger,
         seller_type = EXCLUDED.seller_type, logo_url = EXCLUDED.logo_url, updated_at = now()`,
      [store.id, store.participant_id, store.name, store.is_blogger ?? false, store.seller_type ?? null, store.logo_url ?? null]);
    const formatPrice = item.format_price ?? (item.price === undefined || item.price === null ? null : item.price.toFixed(2));
    await m.query(
      `INSERT INTO ${S}.items (id, store_id, name, platform_price, price, format_price, sku, start_time, end_time, duration,
         event_type, assets, participants_limit, location)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14::jsonb)
       ON CONFLICT (id) DO UPDATE SET store_id = EXCLUDED.store_id, name = EXCLUDED.name, platform_price = EXCLUDED.platform_price,
         price = EXCLUDED.price, format_price = EXCLUDED.format_price, sku = EXCLUDED.sku, start_time = EXCLUDED.start_time,
         end_time = EXCLUDED.end_time, duration = EXCLUDED.duration, event_type = EXCLUDED.event_type, assets = EXCLUDED.assets,
         participants_limit = EXCLUDED.participants_limit, location = EXCLUDED.location, updated_at = now()`,
      [item.id, store.id, item.name, item.platform_price ?? null, item.price ?? null, formatPrice, item.sku ?? null,
        item.start_time ?? null, item.end_time ?? null, item.duration ?? null, item.event_type ?? null,
        JSON.stringify(item.assets ?? []), item.participants_limit ?? null, item.location ? JSON.stringify(location(item.location)) : null]);
    if (promo) {
      await m.query(
        `INSERT INTO ${S}.promo_codes (id, promo_code, discount_percent, expired_at, is_for_winner) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET promo_code = EXCLUDED.promo_code, discount_percent = EXCLUDED.discount_percent,
           expired_at = EXCLUDED.expired_at, is_for_winner = EXCLUDED.is_for_winner, updated_at = now()`,
        [promo.id, promo.promo_code, promo.discount_percent ?? null, promo.expired_at ?? null, promo.is_for_winner ?? false]);
    }
    if (round) {
      await m.query(
        `INSERT INTO ${S}.rounds (id, uniq_id) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET uniq_id = EXCLUDED.uniq_id`,
        [round.id, round.uniq_id]);
    }
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO ${S}.user_certificates (id, issue_key, user_id, item_id, promo_code_id, round_id, text, attribute_values)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) ON CONFLICT (issue_key) DO NOTHING RETURNING id`,
      [randomUUID(), dto.issue_key, dto.user_id, item.id, promo?.id ?? null, round?.id ?? null, dto.text ?? null,
        JSON.stringify(dto.attribute_values ?? [])]);
    return inserted[0]?.id;
  }

  /** Sets the activation once; false when it was already set. */
  async activate(id: string, byUserId: string): Promise<boolean> {
    // Wrapped in a SELECT: typeorm answers [rows, count] for a bare UPDATE.
    const rows: unknown[] = await this.dataSource.query(
      `WITH done AS (UPDATE ${S}.user_certificates SET is_activated = true, activated_at = now(), activated_by = $2
        WHERE id = $1 AND NOT is_activated RETURNING id) SELECT id FROM done`, [id, byUserId]);
    return rows.length > 0;
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Stores of the participant go, with their items and the certificates issued for them. */
  async deleteForParticipant(participantId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM ${S}.stores WHERE participant_id = $1`, [participantId]);
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM ${S}.user_certificates WHERE user_id = $1`, [userId]);
  }

  async moveToUser(fromUserId: string, toUserId: string): Promise<void> {
    await this.dataSource.query(`UPDATE ${S}.user_certificates SET user_id = $2 WHERE user_id = $1`, [fromUserId, toUserId]);
  }
}

function location(l: { address?: string | null; country?: string | null; city?: string | null }) {
  return { address: l.address ?? null, country: l.country ?? null, city: l.city ?? null };
}

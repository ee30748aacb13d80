import type { MigrationInterface, QueryRunner } from 'typeorm';

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/**
 * GET /users/certificates reads finished documents instead of building 1,000 JSON objects per
 * request: `view` is the certificate's document (qr_code null), kept by every writer (issue,
 * activation, a changed store / item / promo code / round); `archival_at` is the earlier of the
 * item's end and the promo code's expiry. Existing certificates get theirs here (the builder is
 * copied as of this migration, so that later changes to it do not alter what this one did).
 */
export class UserCertificateDocuments1767225600001 implements MigrationInterface {
  name = 'UserCertificateDocuments1767225600001';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE certificates.user_certificates ADD COLUMN view json, ADD COLUMN archival_at timestamptz');
    await q.query(`
      UPDATE certificates.user_certificates t SET view = v.view, archival_at = v.archival_at
      FROM (
        SELECT c.id, least(i.end_time, p.expired_at) AS archival_at,
          json_build_object(
            'id', c.id,
            'is_activated', c.is_activated,
            'item', json_build_object(
              'id', i.id, 'name', i.name, 'platform_price', i.platform_price::float8, 'price', i.price::float8,
              'store', json_build_object('id', s.id, 'name', s.name, 'is_blogger', s.is_blogger, 'seller_type', s.seller_type, 'logo_url', s.logo_url),
              'format_price', i.format_price, 'sku', i.sku, 'start_time', ${iso('i.start_time')}, 'end_time', ${iso('i.end_time')},
              'duration', i.duration, 'event_type', i.event_type, 'assets', i.assets, 'participants_limit', i.participants_limit,
              'location', i.location),
            'promo_code', CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object(
              'id', p.id, 'promo_code', p.promo_code, 'discount_percent', p.discount_percent::float8,
              'format_expired_at', floor(extract(epoch FROM p.expired_at))::bigint, 'expired_at', ${iso('p.expired_at')},
              'is_for_winner', p.is_for_winner) END,
            'round', CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object('id', r.id, 'uniq_id', r.uniq_id) END,
            'activated_at', ${iso('c.activated_at')},
            'qr_code', NULL,
            'text', c.text,
            'attribute_values', c.attribute_values
          ) AS view
        FROM certificates.user_certificates c
        JOIN certificates.items i ON i.id = c.item_id
        JOIN certificates.stores s ON s.id = i.store_id
        LEFT JOIN certificates.promo_codes p ON p.id = c.promo_code_id
        LEFT JOIN certificates.rounds r ON r.id = c.round_id
      ) v
      WHERE t.id = v.id`);
    await q.query('ALTER TABLE certificates.user_certificates ALTER COLUMN view SET NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE certificates.user_certificates DROP COLUMN view, DROP COLUMN archival_at');
  }
}

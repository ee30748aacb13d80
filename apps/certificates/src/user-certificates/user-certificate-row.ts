import type { UserCertificateView } from '#libs/contracts';
import { ARCHIVAL_NOW } from './list-fingerprint.js';

/**
 * A certificate as the list reads it: the finished JSON document kept in `view` (built by
 * Postgres in the doc's field order when the certificate is issued, activated, or when its store,
 * item, promo code or round changes); only the signed QR links are added in code. `archival`:
 * activated, item ended or promo code expired (`archival_at` = the earlier of the two ends).
 */
export interface UserCertificateRow {
  id: string;
  archival: boolean;
  doc: UserCertificateView;
}

/** A row of the list without its document; `version` is the row's xmin (it changes with every write). */
export interface UserCertificateHead {
  id: string;
  archival: boolean;
  version: string;
}

/** Facts the activation checks. */
export interface ActivationFacts {
  is_activated: boolean;
  store_participant_id: string;
  end_time: Date | null;
  expired_at: Date | null;
}

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** The rows a certificate's document shows, for a relation `c` with the certificate's columns. */
export const VIEW_JOINS = `
    JOIN certificates.items i ON i.id = c.item_id
    JOIN certificates.stores s ON s.id = i.store_id
    LEFT JOIN certificates.promo_codes p ON p.id = c.promo_code_id
    LEFT JOIN certificates.rounds r ON r.id = c.round_id`;

/** The document of GET /users/certificates (qr_code null: its links are signed per request window). */
export const VIEW_DOCUMENT = `
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
         )`;

/** When the certificate turns archival by time alone (least() skips nulls). */
export const VIEW_ARCHIVAL_AT = 'least(i.end_time, p.expired_at)';

/** The read side: no join, no JSON built; the archival test against the clock is all that is left. */
export const USER_CERTIFICATE_SELECT = `
  SELECT c.id, ${ARCHIVAL_NOW} AS archival, c.view AS doc
  FROM certificates.user_certificates c`;

export const ACTIVATION_FACTS_SELECT = `
  SELECT c.is_activated, s.participant_id AS store_participant_id, i.end_time, p.expired_at
  FROM certificates.user_certificates c ${VIEW_JOINS}`;

import { createHash } from 'node:crypto';
import type { UserCertificateHead } from './user-certificate-row.js';

/** Archival by now: activated, or its item ended or promo code expired (for a relation `c`). */
export const ARCHIVAL_NOW = '(c.is_activated OR coalesce(c.archival_at <= now(), false))';

/**
 * md5 of `<id>:<xmin>:<t|f archival>` per certificate, newest first, comma separated: the same
 * text listFingerprint() hashes in Postgres. Should the two ever differ, a cached answer is
 * only never reused (never a stale one answered).
 */
export const LIST_FINGERPRINT = `md5(coalesce(string_agg(c.id::text || ':' || c.xmin::text || CASE WHEN ${ARCHIVAL_NOW} THEN ':t' ELSE ':f' END,
  ',' ORDER BY c.created_at DESC, c.id DESC), ''))`;

export function listFingerprint(heads: readonly UserCertificateHead[]): string {
  return createHash('md5').update(heads.map((h) => `${h.id}:${h.version}:${h.archival ? 't' : 'f'}`).join(',')).digest('hex');
}

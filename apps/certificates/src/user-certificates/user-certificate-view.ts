import type { UserCertificateView, UserCertificatesAnswer } from '#libs/contracts';
import type { UserCertificateRow } from './user-certificate-row.js';

export interface QrLinkBuilder {
  qrCode(certificateId: string, isActivated: boolean, nowMs: number): UserCertificateView['qr_code'];
}

/** Archival once activated, or once the item has ended, or once the promo code has expired. */
export function isArchival(facts: { is_activated: boolean; end_time: Date | null; expired_at: Date | null }, nowMs: number): boolean {
  return facts.is_activated
    || (facts.end_time !== null && facts.end_time.getTime() <= nowMs)
    || (facts.expired_at !== null && facts.expired_at.getTime() <= nowMs);
}

/**
 * The document Postgres built with its QR links filled in (the key already sits in its place);
 * a copy: the document itself may be cached and shared by several answers.
 */
export function withQrCode(doc: UserCertificateView, links: QrLinkBuilder, nowMs: number): UserCertificateView {
  return { ...doc, qr_code: links.qrCode(doc.id, doc.is_activated, nowMs) };
}

/** Rows come newest first from the index; the split keeps that order in both lists. */
export function splitActiveArchival(rows: UserCertificateRow[], links: QrLinkBuilder, nowMs: number): UserCertificatesAnswer {
  const answer: UserCertificatesAnswer = { active: [], archival: [] };
  for (const row of rows) (row.archival ? answer.archival : answer.active).push(withQrCode(row.doc, links, nowMs));
  return answer;
}

import { Injectable } from '@nestjs/common';
import { type IssueUserCertificateResult, type SessionInfo, type UserCertificateView, type IssueUserCertificateDto } from '#libs/contracts';
import type { RawJson } from '#libs/transport';
import { CertificatesErrorCode, certificatesError } from '../common/certificates-errors.js';
import { isUniqueViolation } from '../common/pg-errors.js';
import { QrLinks } from '../qr-codes/qr-links.js';
import { AnswerCache } from './answer-cache.js';
import { DocumentCache } from './document-cache.js';
import { listFingerprint } from './list-fingerprint.js';
import type { UserCertificateRow } from './user-certificate-row.js';
import { isArchival, withQrCode } from './user-certificate-view.js';
import { encodeActiveArchival } from './encoded-answer.js';
import { UserCertificatesRepository } from './user-certificates.repository.js';
import { UserPresenceRepository } from './user-presence.repository.js';

/** How often a list is read again when a certificate changed between its two reads. */
const LIST_ATTEMPTS = 3;

@Injectable()
export class UserCertificatesService {
  private readonly documents = new DocumentCache();
  private readonly answers = new AnswerCache();

  constructor(private readonly repo: UserCertificatesRepository, private readonly links: QrLinks, private readonly presence: UserPresenceRepository) {}

  /**
   * The UserCertificatesAnswer already encoded (a megabyte for 1,000 certificates): relayed as
   * bytes by the gateway. The answer this replica last gave the user is given again while the
   * list's fingerprint (one row from Postgres) and the QR signing window are unchanged.
   */
  async listForUser(userId: string): Promise<RawJson> {
    const nowMs = Date.now();
    const window = this.links.window(nowMs);
    if (this.answers.has(userId)) {
      const cached = this.answers.get(userId, await this.repo.listFingerprint(userId), window);
      if (cached) return cached;
    }
    const { rows, fingerprint } = await this.rowsFor(userId);
    const answer = encodeActiveArchival(rows, this.links, nowMs);
    if (fingerprint !== undefined) this.answers.set(userId, fingerprint, window, answer);
    return answer;
  }

  /**
   * The user's certificates with their documents: ids and row versions first, then only the
   * documents this replica has not parsed at that version. Should a certificate change between
   * the two reads, the list is read again (in the end in one statement, without a fingerprint),
   * so that every answer is what one snapshot showed.
   */
  private async rowsFor(userId: string): Promise<{ rows: UserCertificateRow[]; fingerprint?: string }> {
    for (let attempt = 0; attempt < LIST_ATTEMPTS; attempt++) {
      const heads = await this.repo.listVersions(userId);
      const docs = heads.map((h) => this.documents.get(h.id, h.version));
      const missing = heads.filter((_, i) => docs[i] === undefined);
      if (missing.length > 0) {
        const read = new Map((await this.repo.documents(missing.map((h) => h.id))).map((d) => [d.id, d]));
        for (const d of read.values()) this.documents.set(d.id, d.version, d.doc);
        if (missing.some((h) => read.get(h.id)?.version !== h.version)) continue;
        heads.forEach((h, i) => { docs[i] ??= read.get(h.id)!.doc; });
      }
      return { rows: heads.map((h, i) => ({ id: h.id, archival: h.archival, doc: docs[i]! })), fingerprint: listFingerprint(heads) };
    }
    return { rows: await this.repo.listForUser(userId) };
  }

  /** Idempotent by issue_key: a repeat returns the first certificate; the same key for another user is a 409. */
  async issue(dto: IssueUserCertificateDto): Promise<IssueUserCertificateResult> {
    if (await this.presence.isGone(dto.user_id)) throw certificatesError(CertificatesErrorCode.UnknownUser, 'Unknown user: the account was deleted');
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.repo.transaction(async (m) => {
          let existing = await this.repo.findByIssueKey(dto.issue_key, m);
          let created = false;
          if (!existing) {
            const newId = await this.repo.issue(m, dto);
            created = newId !== undefined;
            // undefined: a concurrent issue with this key committed first; read the winner.
            existing = newId ? { id: newId, user_id: dto.user_id } : await this.repo.findByIssueKey(dto.issue_key, m);
          }
          if (!existing || existing.user_id !== dto.user_id) {
            throw certificatesError(CertificatesErrorCode.IssueKeyReused, 'This issue_key was already used for another user');
          }
          return { created, certificate: await this.view(existing.id, m) };
        });
      } catch (error) {
        // Two first issues with one key raced on the catalogue rows: the retry sees the winner.
        if (isUniqueViolation(error) && attempt < 2) continue;
        throw error;
      }
    }
  }

  /** Scanning the QR code: only a session of the store's participant, only once, not after expiry. */
  async activate(certificateId: string, session: SessionInfo): Promise<UserCertificateView> {
    const row = await this.repo.activationFacts(certificateId);
    if (!row) throw certificatesError(CertificatesErrorCode.QrTokenInvalid, 'Certificate not found');
    if (row.store_participant_id !== session.currentParticipant) {
      throw certificatesError(CertificatesErrorCode.NotStoreParticipant, "Only the certificate's store may activate it");
    }
    if (row.is_activated) throw alreadyActivated();
    if (isArchival(row, Date.now())) {
      throw certificatesError(CertificatesErrorCode.CertificateExpired, 'The certificate has expired');
    }
    if (!(await this.repo.activate(certificateId, session.userId))) throw alreadyActivated();
    return this.view(certificateId);
  }

  private async view(id: string, m?: Parameters<UserCertificatesRepository['get']>[1]): Promise<UserCertificateView> {
    const row = await this.repo.get(id, m);
    if (!row) throw certificatesError(CertificatesErrorCode.CertificateNotFound, 'Certificate not found');
    return withQrCode(row.doc, this.links, Date.now());
  }
}

function alreadyActivated() {
  return certificatesError(CertificatesErrorCode.AlreadyActivated, 'The certificate is already activated');
}

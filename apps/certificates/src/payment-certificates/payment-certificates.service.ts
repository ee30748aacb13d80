import { Injectable } from '@nestjs/common';
import type { PaymentCertificateView } from '#libs/contracts';
import type { RawJson } from '#libs/transport';
import { CertificatesErrorCode, certificatesError } from '../common/certificates-errors.js';
import { isUniqueViolation } from '../common/pg-errors.js';
import { type CodeConflict, type CreateItem, type MissingCertificate, type UpdateItem, assertDistinctIds, conflictError, duplicateCodesInRequest } from './payment-certificate-input.js';
import { PaymentCertificatesRepository } from './payment-certificates.repository.js';
import { encodeCreatedViews } from './encoded-views.js';

/**
 * The external payment-certificates API. Every operation is scoped to the calling participant;
 * bulk operations are all or nothing: bulk-create is one INSERT statement (a taken code fails it
 * whole), bulk-update runs every check before its one write, in one transaction.
 */
@Injectable()
export class PaymentCertificatesService {
  constructor(private readonly repo: PaymentCertificatesRepository) {}

  list(participantId: string, limit: number | undefined, offset: number): Promise<PaymentCertificateView[]> {
    return this.repo.list(participantId, limit, offset);
  }

  async get(participantId: string, id: number | undefined): Promise<PaymentCertificateView> {
    const found = id === undefined ? undefined : await this.repo.get(participantId, id);
    if (!found) throw notFound();
    return found;
  }

  /**
   * Codes repeated in the body are refused before any write; otherwise the insert runs at once and
   * the codes already taken are looked up only when it fails on one (the 409 lists them). The
   * answer is the views' JSON bytes (RawJson), relayed as is by the gateway.
   */
  async bulkCreate(participantId: string, items: CreateItem[]): Promise<RawJson> {
    if (items.length === 0) return encodeCreatedViews([], []);
    const inRequest = duplicateCodesInRequest(items);
    if (inRequest.length > 0) throw conflictError(inRequest, await this.takenConflicts(participantId, items));
    try {
      return await this.repo.insertMany(participantId, items, (ids) => encodeCreatedViews(ids, items));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.takenConflicts(participantId, items);
      if (existing.length > 0) throw conflictError([], existing);
      throw takenConcurrently();
    }
  }

  private async takenConflicts(participantId: string, items: CreateItem[]): Promise<CodeConflict[]> {
    return takenConflicts(items, await this.repo.takenCodes(undefined, participantId, items.map((i) => i.code)));
  }

  async bulkUpdate(participantId: string, items: UpdateItem[]): Promise<PaymentCertificateView[]> {
    if (items.length === 0) return [];
    assertDistinctIds(items);
    const inRequest = duplicateCodesInRequest(items);
    const ids = items.map((i) => i.id);
    return this.writing(() => this.repo.transaction(async (m) => {
      const owned = await this.repo.lockOwned(m, participantId, ids);
      const missing: MissingCertificate[] = items
        .map((item, index) => ({ index, id: item.id, code: item.code }))
        .filter((entry) => !owned.has(entry.id));
      if (missing.length > 0) {
        throw certificatesError(CertificatesErrorCode.CertificateNotFound,
          `${missing.length} certificate id(s) not found; nothing was written`, missing);
      }
      const taken = await this.repo.takenCodes(m, participantId, items.map((i) => i.code), ids);
      const existing = takenConflicts(items, taken);
      if (inRequest.length > 0 || existing.length > 0) throw conflictError(inRequest, existing);
      return this.repo.updateMany(m, participantId, items);
    }));
  }

  async updateOne(participantId: string, item: UpdateItem): Promise<PaymentCertificateView> {
    try {
      const [updated] = await this.bulkUpdate(participantId, [item]);
      return updated;
    } catch (error) {
      // A single update speaks of "the certificate", not of index 0.
      if ((error as { code?: string }).code === CertificatesErrorCode.CertificateNotFound) throw notFound();
      if ((error as { code?: string }).code === CertificatesErrorCode.DuplicateCode) {
        throw certificatesError(CertificatesErrorCode.DuplicateCode, 'Another certificate already has this code', [{ code: item.code }]);
      }
      throw error;
    }
  }

  /** A concurrent writer can still take a code after our check: same answer, nothing written. */
  private async writing<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw takenConcurrently();
      throw error;
    }
  }
}

function takenConflicts(items: { code: string }[], taken: Set<string>): CodeConflict[] {
  if (taken.size === 0) return [];
  const conflicts: CodeConflict[] = [];
  items.forEach((item, index) => { if (taken.has(item.code)) conflicts.push({ index, code: item.code, reason: 'code_exists' }); });
  return conflicts;
}

function takenConcurrently() {
  return certificatesError(CertificatesErrorCode.DuplicateCode, 'A certificate code was taken concurrently; nothing was written');
}

function notFound() {
  return certificatesError(CertificatesErrorCode.CertificateNotFound, 'Certificate not found');
}

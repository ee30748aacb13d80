import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type AuditActor, AuditRecorder } from '#libs/audit';
import { type ApiKeyCaller, type ApiKeyVerifyResult, AuditAction, isoSeconds } from '#libs/contracts';
import { CertificatesErrorCode, certificatesError } from '../common/certificates-errors.js';
import { generateApiKey, hashApiKey, isWellFormedApiKey } from './api-key-format.js';
import type { ApiKeyEntity } from './api-key.entity.js';
import { ApiKeysRepository } from './api-keys.repository.js';

export interface ApiKeyView {
  id: string;
  participant_id: string;
  name: string | null;
  key_prefix: string;
  created_at: string | null;
  revoked_at: string | null;
}

function view(e: ApiKeyEntity): ApiKeyView {
  return { id: e.id, participant_id: e.participantId, name: e.name, key_prefix: e.keyPrefix,
    created_at: isoSeconds(e.createdAt), revoked_at: isoSeconds(e.revokedAt) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class ApiKeysService {
  constructor(private readonly keys: ApiKeysRepository, private readonly audit: AuditRecorder) {}

  /** The only time the key itself leaves the service; audited in the same transaction, without the key or its hash. */
  async create(participantId: string, name: string | undefined, actor: AuditActor): Promise<ApiKeyView & { key: string }> {
    const generated = generateApiKey();
    const entity = this.keys.build({
      id: randomUUID(), participantId, name: name ?? null, keyPrefix: generated.keyPrefix, keyHash: generated.keyHash,
      createdAt: new Date(), revokedAt: null,
    });
    await this.keys.transaction(async (m) => {
      await this.keys.insert(m, entity);
      await this.audit.record(m, actor, AuditAction.ApiKeyCreate,
        { target: entity.id, owner: participantId, before: null, after: { name: entity.name, key_prefix: entity.keyPrefix } });
    });
    return { ...view(entity), key: generated.key };
  }

  async list(participantId: string | undefined): Promise<ApiKeyView[]> {
    return (await this.keys.list(participantId)).map(view);
  }

  /** Idempotent: revoking a revoked key answers it unchanged (and records nothing). */
  async revoke(id: string, actor: AuditActor): Promise<ApiKeyView> {
    const found = UUID.test(id) ? await this.keys.findById(id) : null;
    if (!found) throw certificatesError(CertificatesErrorCode.ApiKeyNotFound, 'API key not found');
    if (found.revokedAt) return view(found);
    return this.keys.transaction(async (m) => {
      const revokedAt = new Date();
      if (await this.keys.revoke(m, id, revokedAt)) {
        await this.audit.record(m, actor, AuditAction.ApiKeyRevoke,
          { target: id, owner: found.participantId, before: { revoked_at: null }, after: { revoked_at: isoSeconds(revokedAt) } });
      }
      return view((await this.keys.findById(id, m))!);
    });
  }

  async verify(key: unknown): Promise<ApiKeyVerifyResult> {
    if (isWellFormedApiKey(key)) {
      const found = await this.keys.findLiveByHash(hashApiKey(key));
      if (found) return { participantId: found.participantId, keyId: found.id };
    }
    throw certificatesError(CertificatesErrorCode.ApiKeyInvalid, 'Invalid or revoked API key');
  }

  /** The gateway caches verdicts ~10 s; this makes a revocation take effect at once. */
  async assertStillValid(caller: ApiKeyCaller): Promise<void> {
    const live = UUID.test(caller.keyId) && await this.keys.isLive(caller.keyId, caller.participantId);
    if (!live) throw certificatesError(CertificatesErrorCode.ApiKeyInvalid, 'Invalid or revoked API key');
  }
}

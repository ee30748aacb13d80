import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, Repository } from 'typeorm';
import { type AuditActor, AuditRecorder } from '#libs/audit';
import { type ApiKeyCaller, type ApiKeyVerifyResult, AuditAction } from '#libs/contracts';
import { CertificatesErrorCode, certificatesError } from '../common/certificates-errors.js';
import { isoSeconds } from '../common/timestamps.js';
import { generateApiKey, hashApiKey, isWellFormedApiKey } from './api-key-format.js';
import { ApiKeyEntity } from './api-key.entity.js';

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
  private readonly keys: Repository<ApiKeyEntity>;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource, private readonly audit: AuditRecorder) {
    this.keys = dataSource.getRepository(ApiKeyEntity);
  }

  /** The only time the key itself leaves the service; audited in the same transaction, without the key or its hash. */
  async create(participantId: string, name: string | undefined, actor: AuditActor): Promise<ApiKeyView & { key: string }> {
    const generated = generateApiKey();
    const entity = this.keys.create({
      id: randomUUID(), participantId, name: name ?? null, keyPrefix: generated.keyPrefix, keyHash: generated.keyHash,
      createdAt: new Date(), revokedAt: null,
    });
    await this.dataSource.transaction(async (m) => {
      await m.insert(ApiKeyEntity, entity);
      await this.audit.record(m, actor, AuditAction.ApiKeyCreate,
        { target: entity.id, owner: participantId, before: null, after: { name: entity.name, key_prefix: entity.keyPrefix } });
    });
    return { ...view(entity), key: generated.key };
  }

  async list(participantId: string | undefined): Promise<ApiKeyView[]> {
    const rows = await this.keys.find({ where: participantId ? { participantId } : {}, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(view);
  }

  /** Idempotent: revoking a revoked key answers it unchanged (and records nothing). */
  async revoke(id: string, actor: AuditActor): Promise<ApiKeyView> {
    const found = UUID.test(id) ? await this.keys.findOneBy({ id }) : null;
    if (!found) throw certificatesError(CertificatesErrorCode.ApiKeyNotFound, 'API key not found');
    if (found.revokedAt) return view(found);
    return this.dataSource.transaction(async (m) => {
      const revokedAt = new Date();
      const { affected } = await m.update(ApiKeyEntity, { id, revokedAt: IsNull() }, { revokedAt });
      if (affected) {
        await this.audit.record(m, actor, AuditAction.ApiKeyRevoke,
          { target: id, owner: found.participantId, before: { revoked_at: null }, after: { revoked_at: isoSeconds(revokedAt) } });
      }
      return view((await m.findOneBy(ApiKeyEntity, { id }))!);
    });
  }

  async verify(key: unknown): Promise<ApiKeyVerifyResult> {
    if (isWellFormedApiKey(key)) {
      const found = await this.keys.findOneBy({ keyHash: hashApiKey(key), revokedAt: IsNull() });
      if (found) return { participantId: found.participantId, keyId: found.id };
    }
    throw certificatesError(CertificatesErrorCode.ApiKeyInvalid, 'Invalid or revoked API key');
  }

  /** The gateway caches verdicts ~10 s; this makes a revocation take effect at once. */
  async assertStillValid(caller: ApiKeyCaller): Promise<void> {
    const live = UUID.test(caller.keyId) && await this.keys.existsBy({ id: caller.keyId, participantId: caller.participantId, revokedAt: IsNull() });
    if (!live) throw certificatesError(CertificatesErrorCode.ApiKeyInvalid, 'Invalid or revoked API key');
  }

  async deleteForParticipant(participantId: string): Promise<void> {
    await this.keys.delete({ participantId });
  }
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, Repository } from 'typeorm';
import type { ApiKeyCaller, ApiKeyVerifyResult } from '#libs/contracts';
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

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.keys = dataSource.getRepository(ApiKeyEntity);
  }

  /** The only time the key itself leaves the service. */
  async create(participantId: string, name: string | undefined): Promise<ApiKeyView & { key: string }> {
    const generated = generateApiKey();
    const entity = this.keys.create({
      id: randomUUID(), participantId, name: name ?? null, keyPrefix: generated.keyPrefix, keyHash: generated.keyHash,
      createdAt: new Date(), revokedAt: null,
    });
    await this.keys.insert(entity);
    return { ...view(entity), key: generated.key };
  }

  async list(participantId: string | undefined): Promise<ApiKeyView[]> {
    const rows = await this.keys.find({ where: participantId ? { participantId } : {}, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(view);
  }

  /** Idempotent: revoking a revoked key answers it unchanged. */
  async revoke(id: string): Promise<ApiKeyView> {
    const found = UUID.test(id) ? await this.keys.findOneBy({ id }) : null;
    if (!found) throw certificatesError(CertificatesErrorCode.ApiKeyNotFound, 'API key not found');
    if (!found.revokedAt) {
      await this.keys.update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
      return view((await this.keys.findOneBy({ id }))!);
    }
    return view(found);
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

import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, Repository } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity.js';

/** API keys of participants (certificates.api_keys); the hash is stored, never the key. */
@Injectable()
export class ApiKeysRepository {
  private readonly keys: Repository<ApiKeyEntity>;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {
    this.keys = dataSource.getRepository(ApiKeyEntity);
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  build(fields: ApiKeyEntity): ApiKeyEntity {
    return this.keys.create(fields);
  }

  async insert(m: EntityManager, key: ApiKeyEntity): Promise<void> {
    await m.insert(ApiKeyEntity, key);
  }

  /** Oldest first; every participant's when `participantId` is undefined. */
  list(participantId: string | undefined): Promise<ApiKeyEntity[]> {
    return this.keys.find({ where: participantId ? { participantId } : {}, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findById(id: string, m?: EntityManager): Promise<ApiKeyEntity | null> {
    return m ? m.findOneBy(ApiKeyEntity, { id }) : this.keys.findOneBy({ id });
  }

  /** True when this call revoked it (false: it was revoked already). */
  async revoke(m: EntityManager, id: string, revokedAt: Date): Promise<boolean> {
    const { affected } = await m.update(ApiKeyEntity, { id, revokedAt: IsNull() }, { revokedAt });
    return Boolean(affected);
  }

  findLiveByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ keyHash, revokedAt: IsNull() });
  }

  /** Asked on every API-key call: one plain statement, no query builder. */
  async isLive(id: string, participantId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM certificates.api_keys WHERE id = $1 AND participant_id = $2 AND revoked_at IS NULL', [id, participantId]);
    return rows.length > 0;
  }

  async deleteForParticipant(participantId: string): Promise<void> {
    await this.keys.delete({ participantId });
  }
}

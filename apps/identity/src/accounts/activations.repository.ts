import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ActivationEntity } from './activation.entity.js';

/** identity.activations: the pending email activation of an account (code hash, resend token and count). */
@Injectable()
export class ActivationsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private repo() {
    return this.dataSource.getRepository(ActivationEntity);
  }

  async insert(m: EntityManager, row: Pick<ActivationEntity, 'userId' | 'codeHash' | 'resendToken' | 'resendCount' | 'resendWindowStartedAt'>): Promise<void> {
    await m.insert(ActivationEntity, row);
  }

  findByCodeHash(codeHash: string): Promise<ActivationEntity | null> {
    return this.repo().findOneBy({ codeHash });
  }

  findByResendToken(resendToken: string): Promise<ActivationEntity | null> {
    return this.repo().findOneBy({ resendToken });
  }

  findByUser(userId: string): Promise<ActivationEntity | null> {
    return this.repo().findOneBy({ userId });
  }

  /** A new code, only while the resend count is still `count` (two concurrent resends cannot both pass). */
  async replaceCode(userId: string, count: number, next: Pick<ActivationEntity, 'codeHash' | 'resendCount' | 'resendWindowStartedAt'>): Promise<boolean> {
    const result = await this.repo().createQueryBuilder().update()
      .set(next)
      .where('user_id = :userId AND resend_count = :count', { userId, count })
      .execute();
    return Boolean(result.affected);
  }

  async deleteForUser(m: EntityManager, userId: string): Promise<void> {
    await m.delete(ActivationEntity, { userId });
  }
}

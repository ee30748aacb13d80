import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type DeepPartial, EntityManager } from 'typeorm';
import { DeletionRequest } from './deletion-request.entity.js';

/** Participant deletion requests and the services that acknowledged them. */
@Injectable()
export class DeletionRequestsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findByParticipant(m: EntityManager, participantId: string): Promise<DeletionRequest | null> {
    return m.findOne(DeletionRequest, { where: { participantId } });
  }

  findByRequestId(requestId: string): Promise<DeletionRequest | null> {
    return this.dataSource.getRepository(DeletionRequest).findOne({ where: { requestId } });
  }

  lockByRequestId(m: EntityManager, requestId: string): Promise<DeletionRequest | null> {
    return m.getRepository(DeletionRequest).createQueryBuilder('d')
      .where('d.requestId = :requestId', { requestId }).setLock('pessimistic_write').getOne();
  }

  async insert(m: EntityManager, fields: DeepPartial<DeletionRequest>): Promise<DeletionRequest> {
    const request = m.create(DeletionRequest, fields);
    await m.insert(DeletionRequest, request);
    return request;
  }

  async update(m: EntityManager, requestId: string, patch: Partial<DeletionRequest>): Promise<void> {
    await m.update(DeletionRequest, { requestId }, patch);
  }
}

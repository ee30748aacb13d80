import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type DeepPartial, EntityManager, Repository } from 'typeorm';
import { RegistrationRequest } from './registration-request.entity.js';

/** Participant registration requests, pending until identity's moderator decides them. */
@Injectable()
export class RegistrationRequestsRepository {
  private readonly requests: Repository<RegistrationRequest>;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {
    this.requests = dataSource.getRepository(RegistrationRequest);
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insert(fields: DeepPartial<RegistrationRequest>): Promise<RegistrationRequest> {
    const request = this.requests.create(fields);
    await this.requests.insert(request);
    return request;
  }

  /** The user's latest pending request FOR UPDATE. */
  lockLatestPending(m: EntityManager, userId: string): Promise<RegistrationRequest | null> {
    return m.getRepository(RegistrationRequest).createQueryBuilder('r')
      .where('r.userId = :userId AND r.status = :pending', { userId, pending: 'pending' })
      .orderBy('r.createdAt', 'DESC').setLock('pessimistic_write').getOne();
  }

  async markApproved(m: EntityManager, id: RegistrationRequest['id'], participantId: string): Promise<void> {
    await m.update(RegistrationRequest, { id }, { status: 'approved', participantId });
  }

  /** True when the user had a pending request (now rejected). */
  async rejectPending(userId: string): Promise<boolean> {
    const result = await this.requests.update({ userId, status: 'pending' }, { status: 'rejected' });
    return Boolean(result.affected);
  }
}

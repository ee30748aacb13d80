import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The one way identity spans repositories in a transaction: services call `run`, and hand the
 * EntityManager it gives to the repository methods that take one (their first parameter).
 */
@Injectable()
export class Transactions {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  run<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Statements on their own, no transaction (e.g. an audit record after a change made in Redis). */
  get autocommit(): EntityManager {
    return this.dataSource.manager;
  }
}

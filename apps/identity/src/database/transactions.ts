import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The one way identity spans repositories in a transaction: services call `run` and hand the
 * EntityManager it gives to repository methods. A method that only makes sense inside a
 * transaction (locks, multi-statement moves) takes it as its first parameter; one that may run
 * either way takes it as an optional last parameter.
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

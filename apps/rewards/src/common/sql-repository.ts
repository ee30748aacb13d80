import { Inject } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** What runs a statement: the DataSource (its own transaction) or a transaction's EntityManager. */
export type Queryable = Pick<EntityManager, 'query'>;

/**
 * Base of rewards' repositories: each owns the SQL of its aggregate. One way to span several:
 * `transaction(work)` opens one, and every method that writes in it takes the EntityManager
 * first (`m`); read methods take it optionally (absent: outside any transaction).
 */
export abstract class SqlRepository {
  constructor(@Inject(DataSource) protected readonly ds: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  protected q(m?: Queryable): Queryable {
    return m ?? this.ds;
  }
}

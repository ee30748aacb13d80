import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { MergedAccountEntity } from './merged-account.entity.js';

/** identity.merged_accounts: which secondary account was merged into which primary. */
@Injectable()
export class MergedAccountsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private repo(m?: EntityManager) {
    return (m ?? this.dataSource.manager).getRepository(MergedAccountEntity);
  }

  findBySecondary(secondaryUserId: string): Promise<MergedAccountEntity | null> {
    return this.repo().findOneBy({ secondaryUserId });
  }

  isSecondary(m: EntityManager, userId: string): Promise<boolean> {
    return this.repo(m).existsBy({ secondaryUserId: userId });
  }

  /** The accounts merged into `primaryUserId`, in `m`'s transaction. */
  mergedInto(m: EntityManager, primaryUserId: string): Promise<MergedAccountEntity[]> {
    return this.repo(m).findBy({ primaryUserId });
  }

  /** The same, oldest merge first. */
  listMergedInto(primaryUserId: string): Promise<MergedAccountEntity[]> {
    return this.repo().find({ where: { primaryUserId }, order: { mergeStartedAt: 'ASC' } });
  }

  /** Earlier merges into `fromPrimary` now point at `toPrimary`. */
  async repoint(m: EntityManager, fromPrimary: string, toPrimary: string): Promise<void> {
    await this.repo(m).update({ primaryUserId: fromPrimary }, { primaryUserId: toPrimary });
  }

  async insert(m: EntityManager, row: Pick<MergedAccountEntity, 'secondaryUserId' | 'primaryUserId' | 'secondaryRegType' | 'mergeStartedAt' | 'mergeEndedAt'>): Promise<void> {
    await this.repo(m).insert(row);
  }

  /** For many primaries at once (user records), oldest merge first. */
  secondariesOf(primaryIds: string[]): Promise<{ primary_user_id: string; secondary_user_id: string }[]> {
    return this.dataSource.query('SELECT primary_user_id, secondary_user_id FROM identity.merged_accounts WHERE primary_user_id = ANY($1) ORDER BY merge_started_at', [primaryIds]);
  }
}

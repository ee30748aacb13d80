import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FeeSetting } from './fee-setting.entity.js';
import { TopupSetting } from './topup-setting.entity.js';

/** A deposit's fee and automatic top-up settings (one row each per participant). */
@Injectable()
export class DepositSettingsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findFee(participantId: string): Promise<FeeSetting | null> {
    return this.dataSource.getRepository(FeeSetting).findOne({ where: { participantId } });
  }

  findTopup(participantId: string): Promise<TopupSetting | null> {
    return this.dataSource.getRepository(TopupSetting).findOne({ where: { participantId } });
  }

  /** The fee as it was, locked until the transaction ends, then replaced by `row`. */
  async replaceFee(m: EntityManager, row: FeeSetting): Promise<FeeSetting | null> {
    const before = await m.findOne(FeeSetting, { where: { participantId: row.participantId }, lock: { mode: 'pessimistic_write' } });
    await m.upsert(FeeSetting, row, ['participantId']);
    return before;
  }

  /** The top-up setting as it was, locked until the transaction ends, then replaced by `row`. */
  async replaceTopup(m: EntityManager, row: TopupSetting): Promise<TopupSetting | null> {
    const before = await m.findOne(TopupSetting, { where: { participantId: row.participantId }, lock: { mode: 'pessimistic_write' } });
    await m.upsert(TopupSetting, row, ['participantId']);
    return before;
  }
}

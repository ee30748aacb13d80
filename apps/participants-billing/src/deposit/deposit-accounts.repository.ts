import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Participant } from '../participants/participant.entity.js';
import { DepositAccount } from './deposit-account.entity.js';
import { DepositOperation, type DepositOperationKind } from './deposit-operation.entity.js';
import { FeeSetting } from './fee-setting.entity.js';
import type { LedgerEntryType } from './ledger-entry.entity.js';
import type { LockedTopup } from './topup-rule.js';
import { TopupSetting } from './topup-setting.entity.js';

/** The balance row as a charge locks it, with the participant's fee and top-up settings. */
export interface LockedAccount extends LockedTopup {
  coins: string; fee_type: FeeSetting['type'] | null; fee_percent: number | null; fee_coins: string | null;
  fee_source: FeeSetting['source'] | null; fee_status: FeeSetting['status'] | null;
}

/** One balance change: the operation row, its ledger entries and the balance after it. */
export interface MoveRow {
  participantId: string; kind: DepositOperationKind; idempotencyKey: string; amount: bigint; fee: bigint; invoiceFee: bigint;
  after: bigint; reference: string | null; entries: [LedgerEntryType, bigint][];
}

const S = 'participants_billing';
/** Operation, its ledger entries and the new balance in one statement (one round trip under the lock). */
const WRITE_MOVE = `
  WITH op AS (
    INSERT INTO ${S}.deposit_operations (participant_id, kind, idempotency_key, amount, fee, invoice_fee, balance_after, reference)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id
  ), entries AS (
    INSERT INTO ${S}.deposit_ledger (participant_id, entry_type, amount, operation_id)
    SELECT $1, e.entry_type, e.amount, op.id FROM op, unnest($9::text[], $10::numeric[]) AS e(entry_type, amount)
  ), account AS (
    UPDATE ${S}.deposit_accounts SET coins = $7, updated_at = now() WHERE participant_id = $1
  )
  SELECT id FROM op`;

/** Deposit accounts (balance rows), their operations and the append-only ledger. */
@Injectable()
export class DepositAccountsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Creates the account of a new participant (inside its creation transaction); an existing one stays. */
  async open(m: EntityManager, participantId: string): Promise<void> {
    await m.createQueryBuilder().insert().into(DepositAccount)
      .values({ participantId, address: `0x${randomBytes(20).toString('hex')}`, coins: '0' })
      .orIgnore().execute();
  }

  findByParticipant(participantId: string): Promise<DepositAccount | null> {
    return this.dataSource.getRepository(DepositAccount).findOne({ where: { participantId } });
  }

  /** The balance row FOR UPDATE with the fee and top-up settings; a deleted participant's only when `activeOnly` is false. */
  lockWithSettings(m: EntityManager, participantId: string, activeOnly: boolean): Promise<LockedAccount | undefined> {
    return m.getRepository(DepositAccount).createQueryBuilder('a')
      .innerJoin(Participant, 'p', activeOnly ? 'p.id = a.participant_id AND p.status = :active' : 'p.id = a.participant_id', { active: 'active' })
      .leftJoin(FeeSetting, 'f', 'f.participant_id = a.participant_id')
      .leftJoin(TopupSetting, 't', 't.participant_id = a.participant_id')
      .select('a.coins::text', 'coins')
      .addSelect('f.type', 'fee_type')
      .addSelect('f.percent_hundredths', 'fee_percent')
      .addSelect('f.coins::text', 'fee_coins')
      .addSelect('f.source', 'fee_source')
      .addSelect('f.status', 'fee_status')
      .addSelect('t.status', 'topup_status')
      .addSelect('t.amount', 'topup_amount')
      .addSelect('t.currency', 'topup_currency')
      .addSelect('t.coins_threshold::text', 'topup_threshold')
      .addSelect('t.frequency', 'topup_frequency')
      .addSelect('t.updated_at', 'topup_updated_at')
      .where('a.participant_id = :participantId', { participantId })
      .setLock('pessimistic_write', undefined, ['a'])
      .getRawOne<LockedAccount>();
  }

  async writeMove(m: EntityManager, move: MoveRow): Promise<void> {
    await m.query(WRITE_MOVE, [
      move.participantId, move.kind, move.idempotencyKey, move.amount.toString(), move.fee.toString(), move.invoiceFee.toString(),
      move.after.toString(), move.reference, move.entries.map(([t]) => t), move.entries.map(([, a]) => a.toString()),
    ]);
  }

  findOperation(participantId: string, kind: DepositOperationKind, idempotencyKey: string): Promise<DepositOperation | null> {
    return this.dataSource.getRepository(DepositOperation).findOne({ where: { participantId, kind, idempotencyKey } });
  }
}

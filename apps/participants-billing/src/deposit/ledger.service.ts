import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { DepositChargeResult, DepositCreditResult } from '#libs/contracts';
import { BillingErrorCode, billingError, participantNotFound } from '../common/billing-errors.js';
import { parseCoins } from '../common/coins.js';
import { Participant } from '../participants/participant.entity.js';
import { DepositAccount } from './deposit-account.entity.js';
import { DepositOperation, type DepositOperationKind } from './deposit-operation.entity.js';
import { type ActiveFee, feeFor } from './fee-math.js';
import { FeeSetting } from './fee-setting.entity.js';
import type { LedgerEntryType } from './ledger-entry.entity.js';

export interface MoveInput { participantId: string; amount: unknown; idempotencyKey: string; reference?: string }

interface LockedAccount {
  coins: string; fee_type: FeeSetting['type'] | null; fee_percent: number | null; fee_coins: string | null;
  fee_source: FeeSetting['source'] | null; fee_status: FeeSetting['status'] | null;
}

interface Move { kind: DepositOperationKind; amount: bigint; fee: bigint; invoiceFee: bigint; after: bigint; entries: [LedgerEntryType, bigint][] }

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

/**
 * The coin deposit of each participant. Every change is a deposit_operations row (idempotency
 * key and outcome) plus append-only ledger entries, written in one transaction that holds the
 * participant's balance row lock (SELECT ... FOR UPDATE), so concurrent charges queue and the
 * balance never goes negative; CHECK (coins >= 0) backs this up.
 */
@Injectable()
export class LedgerService {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates the deposit account of a new participant (inside its creation transaction). */
  async openAccount(manager: EntityManager, participantId: string): Promise<void> {
    await manager.createQueryBuilder().insert().into(DepositAccount)
      .values({ participantId, address: `0x${randomBytes(20).toString('hex')}`, coins: '0' })
      .orIgnore().execute();
  }

  async charge(input: MoveInput): Promise<DepositChargeResult> {
    const amount = parseCoins(input.amount, 'amount');
    const op = await this.apply(input, 'charge', amount, (locked) => {
      const fee = feeFor(amount, activeFee(locked));
      const balance = BigInt(locked.coins);
      const total = amount + fee.balanceFee;
      if (balance < total) {
        throw billingError(BillingErrorCode.InsufficientFunds, 'Insufficient deposit balance',
          { balance: balance.toString(), required: total.toString() });
      }
      const entries: [LedgerEntryType, bigint][] = [['charge', -amount]];
      if (fee.balanceFee > 0n) entries.push(['fee', -fee.balanceFee]);
      return { kind: 'charge', amount, fee: fee.balanceFee, invoiceFee: fee.invoiceFee, after: balance - total, entries };
    });
    return { participantId: input.participantId, idempotencyKey: input.idempotencyKey, amount: op.amount, fee: op.fee,
      invoiceFee: op.invoiceFee, balance: op.balanceAfter };
  }

  async credit(input: MoveInput): Promise<DepositCreditResult> {
    const amount = parseCoins(input.amount, 'amount');
    const op = await this.apply(input, 'credit', amount, (locked) => ({
      kind: 'credit', amount, fee: 0n, invoiceFee: 0n, after: BigInt(locked.coins) + amount, entries: [['credit', amount]],
    }));
    return { participantId: input.participantId, idempotencyKey: input.idempotencyKey, amount: op.amount, balance: op.balanceAfter };
  }

  /**
   * A replayed key answers the stored outcome without taking the lock. Two first attempts
   * with one key race on the unique (participant, kind, key): the loser answers the winner's outcome.
   */
  private async apply(input: MoveInput, kind: DepositOperationKind, amount: bigint,
    decide: (locked: LockedAccount) => Move): Promise<Pick<DepositOperation, 'amount' | 'fee' | 'invoiceFee' | 'balanceAfter'>> {
    const replay = await this.previous(input, kind, amount);
    if (replay) return replay;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const move = decide(await this.lockAccount(manager, input.participantId));
        await manager.query(WRITE_MOVE, [
          input.participantId, kind, input.idempotencyKey, move.amount.toString(), move.fee.toString(), move.invoiceFee.toString(),
          move.after.toString(), input.reference ?? null, move.entries.map(([t]) => t), move.entries.map(([, a]) => a.toString()),
        ]);
        return { amount: move.amount.toString(), fee: move.fee.toString(), invoiceFee: move.invoiceFee.toString(), balanceAfter: move.after.toString() };
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        const winner = await this.previous(input, kind, amount);
        if (winner) return winner;
      }
      throw error;
    }
  }

  private async lockAccount(manager: EntityManager, participantId: string): Promise<LockedAccount> {
    const locked = await manager.getRepository(DepositAccount).createQueryBuilder('a')
      .innerJoin(Participant, 'p', 'p.id = a.participant_id AND p.status = :active', { active: 'active' })
      .leftJoin(FeeSetting, 'f', 'f.participant_id = a.participant_id')
      .select('a.coins::text', 'coins')
      .addSelect('f.type', 'fee_type')
      .addSelect('f.percent_hundredths', 'fee_percent')
      .addSelect('f.coins::text', 'fee_coins')
      .addSelect('f.source', 'fee_source')
      .addSelect('f.status', 'fee_status')
      .where('a.participant_id = :participantId', { participantId })
      .setLock('pessimistic_write', undefined, ['a'])
      .getRawOne<LockedAccount>();
    if (!locked) throw participantNotFound(participantId);
    return locked;
  }

  private async previous(input: MoveInput, kind: DepositOperationKind, amount: bigint): Promise<DepositOperation | null> {
    const op = await this.dataSource.getRepository(DepositOperation).findOne({
      where: { participantId: input.participantId, kind, idempotencyKey: input.idempotencyKey },
    });
    if (op && BigInt(op.amount) !== amount) {
      throw billingError(BillingErrorCode.IdempotencyMismatch, 'Idempotency key already used with another amount');
    }
    return op;
  }
}

function activeFee(locked: LockedAccount): ActiveFee | null {
  if (locked.fee_type === null) return null;
  return {
    type: locked.fee_type, percentHundredths: locked.fee_percent, coins: locked.fee_coins === null ? null : BigInt(locked.fee_coins),
    source: locked.fee_source!, status: locked.fee_status!,
  };
}

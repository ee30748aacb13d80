import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DepositChargeResult, DepositCreditResult } from '#libs/contracts';
import { BillingErrorCode, billingError, participantNotFound } from '../common/billing-errors.js';
import { parseCoins } from '../common/coins.js';
import { DepositAccountsRepository, type LockedAccount } from './deposit-accounts.repository.js';
import type { DepositOperation, DepositOperationKind } from './deposit-operation.entity.js';
import { type ActiveFee, feeFor } from './fee-math.js';
import type { LedgerEntryType } from './ledger-entry.entity.js';
import { openTopupIfDue } from './topup-rule.js';
import { TopupPaymentsRepository } from './topup-payments.repository.js';

/** SQLSTATE numeric_value_out_of_range: a balance or sum beyond numeric(78,0). */
const NUMERIC_OVERFLOW = '22003';

export interface MoveInput { participantId: string; amount: unknown; idempotencyKey: string; reference?: string }

/** A charge's answer, and the top-up it opened (the caller makes its payment once the charge is committed). */
export interface ChargeOutcome { result: DepositChargeResult; openedTopup: string | null }

/** How long the opener of a top-up has to make its payment before the retry loop may take it over. */
export const TOPUP_LEASE_SECONDS = 60;

interface Move { kind: DepositOperationKind; amount: bigint; fee: bigint; invoiceFee: bigint; after: bigint; entries: [LedgerEntryType, bigint][] }

/**
 * The coin deposit of each participant. Every change is a deposit_operations row (idempotency
 * key and outcome) plus append-only ledger entries, written in one transaction that holds the
 * participant's balance row lock (SELECT ... FOR UPDATE), so concurrent charges queue and the
 * balance never goes negative; CHECK (coins >= 0) backs this up.
 */
@Injectable()
export class LedgerService {
  constructor(private readonly accounts: DepositAccountsRepository, private readonly topups: TopupPaymentsRepository) {}

  /** Creates the deposit account of a new participant (inside its creation transaction). */
  async openAccount(manager: EntityManager, participantId: string): Promise<void> {
    await this.accounts.open(manager, participantId);
  }

  async charge(input: MoveInput): Promise<ChargeOutcome> {
    const amount = parseCoins(input.amount, 'amount');
    let openedTopup: string | null = null;
    const afterCharge = async (manager: EntityManager, locked: LockedAccount, move: Move) => {
      openedTopup = await openTopupIfDue(this.topups, manager, input.participantId, locked, move.after, TOPUP_LEASE_SECONDS);
    };
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
    }, afterCharge);
    const result = { participantId: input.participantId, idempotencyKey: input.idempotencyKey, amount: op.amount, fee: op.fee,
      invoiceFee: op.invoiceFee, balance: op.balanceAfter };
    return { result, openedTopup };
  }

  /**
   * A credit (positive) or a debit (negative, capped at the balance) without fee, inside the
   * caller's transaction: top-ups Stripe confirmed and their refunds. Answers the signed amount moved.
   */
  async moveWithin(manager: EntityManager, participantId: string, signedAmount: bigint, idempotencyKey: string, reference: string): Promise<bigint> {
    const locked = await this.lockAccount(manager, participantId, { activeOnly: false });
    const balance = BigInt(locked.coins);
    const moved = signedAmount >= 0n ? signedAmount : -(balance < -signedAmount ? balance : -signedAmount);
    if (moved === 0n) return 0n;
    const kind: DepositOperationKind = moved > 0n ? 'credit' : 'charge';
    const abs = moved > 0n ? moved : -moved;
    await this.accounts.writeMove(manager, {
      participantId, kind, idempotencyKey, amount: abs, fee: 0n, invoiceFee: 0n, after: balance + moved, reference, entries: [[kind, moved]],
    });
    return moved;
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
  private async apply(input: MoveInput, kind: DepositOperationKind, amount: bigint, decide: (locked: LockedAccount) => Move,
    afterMove?: (manager: EntityManager, locked: LockedAccount, move: Move) => Promise<void>,
  ): Promise<Pick<DepositOperation, 'amount' | 'fee' | 'invoiceFee' | 'balanceAfter'>> {
    const replay = await this.previous(input, kind, amount);
    if (replay) return replay;
    try {
      return await this.accounts.transaction(async (manager) => {
        const locked = await this.lockAccount(manager, input.participantId);
        const move = decide(locked);
        await this.accounts.writeMove(manager, {
          participantId: input.participantId, kind, idempotencyKey: input.idempotencyKey, amount: move.amount, fee: move.fee,
          invoiceFee: move.invoiceFee, after: move.after, reference: input.reference ?? null, entries: move.entries,
        });
        await afterMove?.(manager, locked, move);
        return { amount: move.amount.toString(), fee: move.fee.toString(), invoiceFee: move.invoiceFee.toString(), balanceAfter: move.after.toString() };
      });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === '23505') {
        const winner = await this.previous(input, kind, amount);
        if (winner) return winner;
      }
      if (code === NUMERIC_OVERFLOW) {
        throw billingError(BillingErrorCode.InvalidCoins, 'amount is too large: the deposit balance would exceed numeric(78,0)',
          [{ field: 'amount', errors: ['too large for the deposit balance'] }]);
      }
      throw error;
    }
  }

  /** The balance row FOR UPDATE with the fee and top-up settings; a deleted participant's only when `activeOnly` is false. */
  private async lockAccount(manager: EntityManager, participantId: string, { activeOnly = true } = {}): Promise<LockedAccount> {
    const locked = await this.accounts.lockWithSettings(manager, participantId, activeOnly);
    if (!locked) throw participantNotFound(participantId);
    return locked;
  }

  private async previous(input: MoveInput, kind: DepositOperationKind, amount: bigint): Promise<DepositOperation | null> {
    const op = await this.accounts.findOperation(input.participantId, kind, input.idempotencyKey);
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

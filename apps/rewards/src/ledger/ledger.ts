import type { EntityManager } from 'typeorm';
import { DomainError } from '#libs/errors';

export type LedgerKind =
  | 'claim_pending' | 'claim_approved' | 'claim_rejected'
  | 'cashout' | 'cashout_fee' | 'cashout_refund' | 'deposit'
  /** Account merge: the secondary's balances move to the primary. */
  | 'merge_out' | 'merge_in'
  /** Account deletion: the balances move to the deleted account's archive id (accounting keeps them; a returning person starts at zero). */
  | 'deletion_out' | 'deletion_in';

export interface LedgerEntry {
  userId: string;
  kind: LedgerKind;
  /** Change of the spendable balance. */
  coins?: bigint;
  /** Change of the pending balance. */
  pending?: bigint;
  /** What caused it (claim id, transaction id). */
  ref: string;
}

/**
 * Appends entries and moves the cached balances in the caller's transaction. Balances can
 * never go negative (CHECK constraint): a movement that would is refused as a conflict.
 */
export async function appendLedger(m: EntityManager, entries: LedgerEntry[]): Promise<void> {
  for (const e of entries) {
    const coins = (e.coins ?? 0n).toString();
    const pending = (e.pending ?? 0n).toString();
    await m.query(
      `INSERT INTO rewards.ledger_entries (user_id, kind, coins_delta, pending_delta, ref) VALUES ($1, $2, $3, $4, $5)`,
      [e.userId, e.kind, coins, pending, e.ref],
    );
    // CHECK constraints apply to an INSERT's proposed row even when it conflicts: create, then move.
    await m.query('INSERT INTO rewards.balances (user_id) VALUES ($1) ON CONFLICT DO NOTHING', [e.userId]);
    try {
      await m.query(
        'UPDATE rewards.balances SET coins = coins + $2, pending_coins = pending_coins + $3 WHERE user_id = $1',
        [e.userId, coins, pending],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23514') throw DomainError.conflict('Not enough coins', undefined, 'rewards.insufficient_coins');
      throw error;
    }
  }
}

export interface Balance { coins: bigint; pending_coins: bigint }

export async function balanceOf(m: Pick<EntityManager, 'query'>, userId: string): Promise<Balance> {
  const rows = await m.query(`SELECT coins, pending_coins FROM rewards.balances WHERE user_id = $1`, [userId]) as { coins: string; pending_coins: string }[];
  return rows[0] ? { coins: BigInt(rows[0].coins), pending_coins: BigInt(rows[0].pending_coins) } : { coins: 0n, pending_coins: 0n };
}

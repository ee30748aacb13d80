import { Injectable } from '@nestjs/common';
import type { LedgerCheckResult } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { type Queryable, SqlRepository } from '../common/sql-repository.js';

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

export interface Balance { coins: bigint; pending_coins: bigint }

/** rewards.ledger_entries (append-only) and rewards.balances (what they add up to, cached). */
@Injectable()
export class LedgerRepository extends SqlRepository {
  /**
   * Appends entries and moves the cached balances in the caller's transaction. Balances can
   * never go negative (CHECK constraint): a movement that would is refused as a conflict.
   */
  async append(m: Queryable, entries: LedgerEntry[]): Promise<void> {
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

  async balanceOf(m: Queryable | undefined, userId: string): Promise<Balance> {
    const rows = await this.q(m).query(`SELECT coins, pending_coins FROM rewards.balances WHERE user_id = $1`, [userId]) as { coins: string; pending_coins: string }[];
    return rows[0] ? { coins: BigInt(rows[0].coins), pending_coins: BigInt(rows[0].pending_coins) } : { coins: 0n, pending_coins: 0n };
  }

  /** The balance as text, undefined for a user without one (GET /account). */
  async balanceText(userId: string): Promise<{ coins: string; pending: string } | undefined> {
    const rows = await this.ds.query('SELECT coins::text AS coins, pending_coins::text AS pending FROM rewards.balances WHERE user_id = $1', [userId]) as { coins: string; pending: string }[];
    return rows[0];
  }

  /** Re-derives every balance from the ledger and lists the users whose stored balance differs. */
  async check(): Promise<LedgerCheckResult> {
    const rows = await this.ds.query(`
      WITH derived AS (
        SELECT user_id, sum(coins_delta) AS coins, sum(pending_delta) AS pending_coins
        FROM rewards.ledger_entries GROUP BY user_id
      )
      SELECT coalesce(b.user_id, d.user_id) AS user_id,
             coalesce(b.coins, 0)::text AS coins, coalesce(d.coins, 0)::text AS derived_coins,
             coalesce(b.pending_coins, 0)::text AS pending_coins, coalesce(d.pending_coins, 0)::text AS derived_pending_coins,
             (coalesce(b.coins, 0) <> coalesce(d.coins, 0) OR coalesce(b.pending_coins, 0) <> coalesce(d.pending_coins, 0)) AS differs
      FROM rewards.balances b FULL OUTER JOIN derived d ON d.user_id = b.user_id`) as (LedgerCheckResult['differences'][number] & { differs: boolean })[];
    return {
      users: rows.length,
      differences: rows.filter((r) => r.differs).map(({ differs: _, ...r }) => r),
    };
  }
}

import { Injectable } from '@nestjs/common';
import { type Queryable, SqlRepository } from '../common/sql-repository.js';

export interface TransactionRow {
  id: string; user_id: string; type: 'deposit' | 'cashout' | 'erc20'; status: string; coins: string; fee: string; hash: string | null;
  profile_coins: string | null; details: Record<string, unknown>; ts: Date;
}

export interface NewCashout { id: string; userId: string; type: 'cashout' | 'erc20'; coins: string; fee: string; hash: string | null; profileCoins: string; details: object; ts: Date }
export interface NewDeposit { id: string; userId: string; coins: string; hash: string | null; profileCoins: string; ts: Date }

/** rewards.transactions: cashouts, ERC-20 transfers and deposits (their coins move through the ledger). */
@Injectable()
export class TransactionsRepository extends SqlRepository {
  async insertCashout(m: Queryable, t: NewCashout): Promise<void> {
    await m.query(
      `INSERT INTO rewards.transactions (id, user_id, type, status, coins, fee, hash, profile_coins, details, ts)
       VALUES ($1, $2, $3, 'success', $4, $5, $6, $7, $8, $9)`,
      [t.id, t.userId, t.type, t.coins, t.fee, t.hash, t.profileCoins, JSON.stringify(t.details), t.ts],
    );
  }

  async insertDeposit(m: Queryable, t: NewDeposit): Promise<void> {
    await m.query(
      `INSERT INTO rewards.transactions (id, user_id, type, status, coins, hash, profile_coins, ts) VALUES ($1, $2, 'deposit', 'success', $3, $4, $5, $6)`,
      [t.id, t.userId, t.coins, t.hash, t.profileCoins, t.ts],
    );
  }

  async ofUser(userId: string): Promise<TransactionRow[]> {
    return await this.ds.query('SELECT * FROM rewards.transactions WHERE user_id = $1 ORDER BY ts DESC, id', [userId]) as TransactionRow[];
  }

  /** The user's cashout (or ERC-20 transfer) `id`, locked until the transaction ends. */
  async lockCashout(m: Queryable, id: string, userId: string): Promise<TransactionRow | undefined> {
    const rows = await m.query(`SELECT * FROM rewards.transactions WHERE id = $1 AND user_id = $2 AND type IN ('cashout', 'erc20') FOR UPDATE`, [id, userId]) as TransactionRow[];
    return rows[0];
  }

  async markFailed(m: Queryable, id: string): Promise<void> {
    await m.query(`UPDATE rewards.transactions SET status = 'failure', refunded_at = now() WHERE id = $1`, [id]);
  }

  /** Up to 100 users with a transaction whose hash matches the ILIKE `pattern`, with level and balance. */
  async usersWithHash(pattern: string): Promise<{ user_id: string; level: string; coins: string; pending_coins: string }[]> {
    return await this.ds.query(
      `SELECT u.user_id, u.level, coalesce(b.coins, 0)::text AS coins, coalesce(b.pending_coins, 0)::text AS pending_coins
       FROM rewards.users u LEFT JOIN rewards.balances b ON b.user_id = u.user_id
       WHERE u.user_id IN (SELECT user_id FROM rewards.transactions WHERE hash ILIKE $1) ORDER BY u.user_id LIMIT 100`, [pattern],
    ) as { user_id: string; level: string; coins: string; pending_coins: string }[];
  }
}

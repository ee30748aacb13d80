import { Injectable } from '@nestjs/common';
import { type Range, rangeSql } from '../admin/range.js';
import { type Queryable, SqlRepository } from '../common/sql-repository.js';

export interface ClaimRow {
  id: string; user_id: string; campaign_id: string; scan_id: string | null; ref: string | null; event: string;
  status: 'pending' | 'approved' | 'rejected'; coins: string; level: string; coin_rate: number; user_coin_rate: number; ts: Date;
}

export interface ClaimInsert {
  id: string; userId: string; campaignId: string; scanId: string | null; ref: string | null; event: string;
  coins: string; level: string; coinRate: number; userCoinRate: number; ts: Date;
}

export interface ScanClaim { id: string; scan_id: string; campaign_id: string; coins: string; event: string }

/** rewards.claims: coins a user may earn (pending) until the claim is decided. */
@Injectable()
export class ClaimsRepository extends SqlRepository {
  async insertPending(m: Queryable, c: ClaimInsert): Promise<void> {
    await m.query(
      `INSERT INTO rewards.claims (id, user_id, campaign_id, scan_id, ref, event, status, coins, level, coin_rate, user_coin_rate, ts)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9, $10, $11)`,
      [c.id, c.userId, c.campaignId, c.scanId, c.ref, c.event, c.coins, c.level, c.coinRate, c.userCoinRate, c.ts],
    );
  }

  async lockById(m: Queryable, claimId: string): Promise<ClaimRow | undefined> {
    const rows = await m.query('SELECT * FROM rewards.claims WHERE id = $1 FOR UPDATE', [claimId]) as ClaimRow[];
    return rows[0];
  }

  async setStatus(m: Queryable, claimId: string, status: 'approved' | 'rejected', decidedAt: Date): Promise<void> {
    await m.query('UPDATE rewards.claims SET status = $2, decided_at = $3 WHERE id = $1', [claimId, status, decidedAt]);
  }

  /** The product name of the claim's scan (the approval's timeline text). */
  async productNameOfScan(m: Queryable, scanId: string): Promise<string | null | undefined> {
    const rows = await m.query('SELECT product_name FROM rewards.scans WHERE id = $1', [scanId]) as { product_name: string | null }[];
    return rows[0]?.product_name;
  }

  /** The user's claim of a contribution (event + ref), if any. */
  async findOfContribution(m: Queryable, event: string, ref: string, userId: string): Promise<{ id: string; status: string } | undefined> {
    const rows = await m.query('SELECT id, status FROM rewards.claims WHERE event = $1 AND ref = $2 AND user_id = $3', [event, ref, userId]) as { id: string; status: string }[];
    return rows[0];
  }

  /** The claims (not rejected) of these scans of the user, oldest first (by the user's index: scan_id has none). */
  async ofScans(userId: string, scanIds: string[]): Promise<ScanClaim[]> {
    return await this.ds.query(
      `SELECT id, scan_id, campaign_id, coins, event FROM rewards.claims WHERE user_id = $1 AND scan_id = ANY($2::uuid[]) AND status <> 'rejected' ORDER BY ts`,
      [userId, scanIds],
    ) as ScanClaim[];
  }

  /** One page of the user's claims of a status within the range, and how many there are in all. */
  async page(userId: string, status: string, r: Range): Promise<{ count: number; rows: ClaimRow[] }> {
    const params: unknown[] = [userId, status];
    const where = `user_id = $1 AND status = $2${rangeSql(r, 'ts', params)}`;
    const count = (await this.ds.query(`SELECT count(*)::int AS n FROM rewards.claims WHERE ${where}`, params) as { n: number }[])[0].n;
    const rows = await this.ds.query(`SELECT * FROM rewards.claims WHERE ${where} ORDER BY ts ${r.order}, id LIMIT ${r.limit} OFFSET ${r.offset}`, params) as ClaimRow[];
    return { count, rows };
  }
}

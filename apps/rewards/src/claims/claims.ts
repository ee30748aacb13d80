import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainError } from '#libs/errors';
import { claimCoins, wholeCoins } from '../common/coins.js';
import { iso } from '../common/iso.js';
import { addTimeline } from '../common/timeline.js';
import { appendLedger } from '../ledger/ledger.js';

export interface NewClaim {
  userId: string;
  campaignId: string;
  campaignName: string;
  campaignRate: number;
  event: string;
  level: string;
  userCoinRate: number;
  baseAmount: bigint;
  scanId?: string;
  ref?: string;
  ts: Date;
}

export interface ClaimRow {
  id: string; user_id: string; campaign_id: string; scan_id: string | null; ref: string | null; event: string;
  status: 'pending' | 'approved' | 'rejected'; coins: string; level: string; coin_rate: number; user_coin_rate: number; ts: Date;
}

/** A pending claim: coins = base amount at the user's level × the campaign coin rate, held as pending. */
export async function createClaim(m: EntityManager, c: NewClaim): Promise<{ id: string; coins: bigint }> {
  const id = randomUUID();
  const coins = claimCoins(c.baseAmount, c.campaignRate);
  await m.query(
    `INSERT INTO rewards.claims (id, user_id, campaign_id, scan_id, ref, event, status, coins, level, coin_rate, user_coin_rate, ts)
     VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9, $10, $11)`,
    [id, c.userId, c.campaignId, c.scanId ?? null, c.ref ?? null, c.event, coins.toString(), c.level, c.campaignRate, c.userCoinRate, c.ts],
  );
  if (coins > 0n) await appendLedger(m, [{ userId: c.userId, kind: 'claim_pending', pending: coins, ref: id }]);
  return { id, coins };
}

/** pending → approved (pending coins become coins) or rejected (pending coins dropped). */
export async function decideClaim(m: EntityManager, claimId: string, status: 'approved' | 'rejected', campaignName = 'System campaign'): Promise<ClaimRow> {
  const rows = await m.query('SELECT * FROM rewards.claims WHERE id = $1 FOR UPDATE', [claimId]) as ClaimRow[];
  const claim = rows[0];
  if (!claim) throw DomainError.notFound('Unknown claim', 'rewards.unknown_claim');
  if (claim.status === status) return claim;
  if (claim.status !== 'pending') throw DomainError.conflict(`Claim is already ${claim.status}`, undefined, 'rewards.claim_decided');
  const coins = BigInt(claim.coins);
  const now = new Date();
  await m.query('UPDATE rewards.claims SET status = $2, decided_at = $3 WHERE id = $1', [claimId, status, now]);
  if (coins > 0n) {
    await appendLedger(m, [status === 'approved'
      ? { userId: claim.user_id, kind: 'claim_approved', coins, pending: -coins, ref: claimId }
      : { userId: claim.user_id, kind: 'claim_rejected', pending: -coins, ref: claimId }]);
  }
  if (status === 'approved') {
    const product = claim.scan_id
      ? (await m.query('SELECT product_name FROM rewards.scans WHERE id = $1', [claim.scan_id]) as { product_name: string | null }[])[0]?.product_name
      : null;
    await addTimeline(m, claim.user_id, now, {
      ...(claim.scan_id ? { claim_id: claim.id } : {}),
      coins: claim.coins,
      ...(claim.scan_id ? { scan_id: claim.scan_id } : {}),
      status: 'approved',
      text: claim.scan_id
        ? `Earned from <b>${campaignName}</b> per scan and view info of <b>${product ?? ''}</b>.`
        : `Earned ${wholeCoins(coins)} Shping coins from <b>${claim.event}</b>.`,
      ts: iso(now),
      type: 'coins',
    });
  }
  return { ...claim, status };
}

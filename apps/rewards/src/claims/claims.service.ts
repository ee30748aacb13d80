import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '#libs/errors';
import { claimCoins, wholeCoins } from '../common/coins.js';
import { TimelineRepository } from '../common/timeline.repository.js';
import { LedgerRepository } from '../ledger/ledger.repository.js';
import { type ClaimRow, ClaimsRepository } from './claims.repository.js';
import { isoSeconds } from '#libs/contracts';

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

/** Claims and the ledger entries that follow them, always in the caller's transaction (`m`). */
@Injectable()
export class ClaimsService {
  constructor(private readonly claims: ClaimsRepository, private readonly ledger: LedgerRepository, private readonly timeline: TimelineRepository) {}

  /** A pending claim: coins = base amount at the user's level × the campaign coin rate, held as pending. */
  async create(m: EntityManager, c: NewClaim): Promise<{ id: string; coins: bigint }> {
    const id = randomUUID();
    const coins = claimCoins(c.baseAmount, c.campaignRate);
    await this.claims.insertPending(m, {
      id, userId: c.userId, campaignId: c.campaignId, scanId: c.scanId ?? null, ref: c.ref ?? null, event: c.event,
      coins: coins.toString(), level: c.level, coinRate: c.campaignRate, userCoinRate: c.userCoinRate, ts: c.ts,
    });
    if (coins > 0n) await this.ledger.append(m, [{ userId: c.userId, kind: 'claim_pending', pending: coins, ref: id }]);
    return { id, coins };
  }

  /** pending → approved (pending coins become coins) or rejected (pending coins dropped). */
  async decide(m: EntityManager, claimId: string, status: 'approved' | 'rejected', campaignName = 'System campaign'): Promise<ClaimRow> {
    const claim = await this.claims.lockById(m, claimId);
    if (!claim) throw DomainError.notFound('Unknown claim', 'rewards.unknown_claim');
    if (claim.status === status) return claim;
    if (claim.status !== 'pending') throw DomainError.conflict(`Claim is already ${claim.status}`, undefined, 'rewards.claim_decided');
    const coins = BigInt(claim.coins);
    const now = new Date();
    await this.claims.setStatus(m, claimId, status, now);
    if (coins > 0n) {
      await this.ledger.append(m, [status === 'approved'
        ? { userId: claim.user_id, kind: 'claim_approved', coins, pending: -coins, ref: claimId }
        : { userId: claim.user_id, kind: 'claim_rejected', pending: -coins, ref: claimId }]);
    }
    if (status === 'approved') {
      const product = claim.scan_id ? await this.claims.productNameOfScan(m, claim.scan_id) : null;
      await this.timeline.add(m, claim.user_id, now, {
        ...(claim.scan_id ? { claim_id: claim.id } : {}),
        coins: claim.coins,
        ...(claim.scan_id ? { scan_id: claim.scan_id } : {}),
        status: 'approved',
        text: claim.scan_id
          ? `Earned from <b>${campaignName}</b> per scan and view info of <b>${product ?? ''}</b>.`
          : `Earned ${wholeCoins(coins)} Shping coins from <b>${claim.event}</b>.`,
        ts: isoSeconds(now),
        type: 'coins',
      });
    }
    return { ...claim, status };
  }
}

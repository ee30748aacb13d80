import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { InputResult } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { iso } from '../common/iso.js';
import { RulesCatalog } from '../common/rules-catalog.service.js';
import { addTimeline } from '../common/timeline.js';
import { activeBan, effectiveLevel, ensureUser, requireUser, type UserRow } from '../common/users.js';
import { createClaim, decideClaim } from '../claims/claims.js';
import { appendLedger, balanceOf } from '../ledger/ledger.js';
import { onceper } from './idempotency.js';
import { pgPool } from '#libs/database';
import { SYSTEM_CAMPAIGN } from './scan-ingest.js';
import { ScanBatcher } from './scan-batch.js';
import { UserStatsEmitter } from '../stats/user-stats.emitter.js';
import { BuddyAcceptedDto, BuddySentDto, CashoutInputDto, ClaimDecisionDto, ContributionInputDto, DepositInputDto, ScanInputDto, WidgetViewDto } from './input.dto.js';

export { SYSTEM_CAMPAIGN };

/** Contribution kinds, the claim event they create and the earnings type that prices it. */
export const CONTRIBUTIONS = {
  review: 'writing_reviews',
  product_added: 'adding_new',
  product_edited: 'editing_product',
  lifehack: 'submitting_lifehack',
} as const;
export type ContributionKind = keyof typeof CONTRIBUTIONS;

@Injectable()
export class InputsService {
  private batcher?: ScanBatcher;
  constructor(@Inject(DataSource) private readonly ds: DataSource, private readonly catalog: RulesCatalog, private readonly stats: UserStatsEmitter) {}

  async scan(dto: ScanInputDto): Promise<InputResult> {
    this.batcher ??= new ScanBatcher(pgPool(this.ds), () => this.catalog.get());
    const { result, stats } = await this.batcher.ingest(dto);
    if (stats) this.stats.changed(dto.user_id, 'coins', 'scans', 'ban'); // a scan can start a scan-interval ban
    return result;
  }

  async contribution(kind: ContributionKind, dto: ContributionInputDto): Promise<InputResult> {
    await this.catalog.get(); // warm outside the transaction: a cold load needs a second pooled connection
    const result = await onceper(this.ds, dto.idempotency_key, kind, dto, async (m) => {
      await ensureUser(m, dto.user_id);
      const user = await requireUser(m, dto.user_id, true);
      const ts = dto.ts ? new Date(dto.ts) : new Date();
      await m.query(
        `INSERT INTO rewards.contributions (kind, ref, user_id, status, ts) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (kind, ref) DO UPDATE SET status = EXCLUDED.status, ts = EXCLUDED.ts`,
        [kind, dto.ref, dto.user_id, dto.status, ts],
      );
      const existing = await m.query('SELECT id, status FROM rewards.claims WHERE event = $1 AND ref = $2 AND user_id = $3', [kind, dto.ref, dto.user_id]) as { id: string; status: string }[];
      let claimId = existing[0]?.id;
      if (!claimId && (dto.status === 'pending' || dto.status === 'accepted') && !(await activeBan(m, dto.user_id))) {
        claimId = (await this.newClaim(m, user, kind, dto.ref, ts)).id;
      }
      let claimStatus = existing[0]?.status ?? (claimId ? 'pending' : null);
      if (claimId && claimStatus === 'pending' && dto.status !== 'pending') {
        claimStatus = (await decideClaim(m, claimId, dto.status === 'accepted' ? 'approved' : 'rejected')).status;
      }
      return { ref: dto.ref, status: dto.status, claim_id: claimId ?? null, claim_status: claimStatus };
    });
    if (!result.duplicate) {
      if (kind === 'review') this.stats.changed(dto.user_id, 'reviews');
      if (result.claim_id) this.stats.changed(dto.user_id, 'coins');
    }
    return result;
  }

  private async newClaim(m: EntityManager, user: UserRow, kind: ContributionKind, ref: string, ts: Date) {
    const { levels, campaigns } = await this.catalog.get();
    const level = levels.find((l) => l.type === effectiveLevel(user)) ?? levels[0];
    const base = BigInt(level.earnings.find((e) => e.type === CONTRIBUTIONS[kind])?.coins ?? '0');
    const campaign = campaigns.get(SYSTEM_CAMPAIGN)!;
    return createClaim(m, {
      userId: user.user_id, campaignId: campaign.id, campaignName: campaign.name, campaignRate: campaign.coin_rate, event: kind,
      level: level.type, userCoinRate: level.coin_rate, baseAmount: base, ref, ts,
    });
  }

  async decide(dto: ClaimDecisionDto): Promise<InputResult> {
    const result = await onceper(this.ds, dto.idempotency_key, 'claim-decision', dto, async (m) => {
      const claim = await decideClaim(m, dto.claim_id, dto.status);
      if (claim.user_id !== dto.user_id) throw DomainError.invalid('Claim belongs to another user');
      return { claim_id: claim.id, status: claim.status, coins: claim.coins };
    });
    if (!result.duplicate) this.stats.changed(dto.user_id, 'coins');
    return result;
  }

  async buddySent(dto: BuddySentDto): Promise<InputResult> {
    const result = await onceper(this.ds, dto.idempotency_key, 'buddy-sent', dto, async (m) => {
      await ensureUser(m, dto.user_id);
      await m.query('INSERT INTO rewards.buddy_invitations (id, user_id, sent_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [dto.invitation_id, dto.user_id, dto.ts ? new Date(dto.ts) : new Date()]);
      return { invitation_id: dto.invitation_id };
    });
    if (!result.duplicate) this.stats.changed(dto.user_id, 'invitations');
    return result;
  }

  async buddyAccepted(dto: BuddyAcceptedDto): Promise<InputResult> {
    if (dto.buddy_id === dto.user_id) throw DomainError.invalid('A user cannot be their own buddy');
    const result = await onceper(this.ds, dto.idempotency_key, 'buddy-accepted', dto, async (m) => {
      const ts = dto.ts ? new Date(dto.ts) : new Date();
      await ensureUser(m, dto.user_id);
      await ensureUser(m, dto.buddy_id);
      await m.query('UPDATE rewards.users SET first_name = coalesce($2, first_name), last_name = coalesce($3, last_name), photo = coalesce($4, photo) WHERE user_id = $1',
        [dto.buddy_id, dto.buddy_first_name ?? null, dto.buddy_last_name ?? null, dto.buddy_photo ?? null]);
      if (dto.invitation_id) {
        await m.query('UPDATE rewards.buddy_invitations SET accepted_by = $2, accepted_at = $3 WHERE id = $1 AND user_id = $4 AND accepted_by IS NULL',
          [dto.invitation_id, dto.buddy_id, ts, dto.user_id]);
      }
      for (const [a, b] of [[dto.user_id, dto.buddy_id], [dto.buddy_id, dto.user_id]]) {
        await m.query('INSERT INTO rewards.buddies (user_id, buddy_id, status, ts) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [a, b, dto.status ?? null, ts]);
      }
      return { user_id: dto.user_id, buddy_id: dto.buddy_id };
    });
    if (!result.duplicate) {
      this.stats.changed(dto.user_id, 'buddies', 'invitations');
      this.stats.changed(dto.buddy_id, 'buddies', 'invitations');
    }
    return result;
  }

  async cashout(dto: CashoutInputDto): Promise<InputResult> {
    if (dto.type === 'bank' && !dto.account) throw DomainError.invalid('Invalid request', [{ field: 'account', errors: ['account is required for a bank cashout'] }]);
    if (dto.type === 'erc20' && !dto.address) throw DomainError.invalid('Invalid request', [{ field: 'address', errors: ['address is required for an ERC-20 cashout'] }]);
    const result = await onceper(this.ds, dto.idempotency_key, 'cashout', dto, async (m) => {
      await requireUser(m, dto.user_id, true);
      const id = `urn:authenticateit:transaction_request:${randomUUID()}`;
      const coins = BigInt(dto.coins);
      const fee = BigInt(dto.fee ?? '0');
      await appendLedger(m, [
        { userId: dto.user_id, kind: 'cashout', coins: -coins, ref: id },
        ...(fee > 0n ? [{ userId: dto.user_id, kind: 'cashout_fee' as const, coins: -fee, ref: id }] : []),
      ]);
      const after = await balanceOf(m, dto.user_id);
      const details = dto.type === 'bank'
        ? { account: dto.account, converted_usd_value: dto.converted_usd_value ?? null, converted_value: dto.converted_value ?? null, currency: dto.currency ?? null }
        : { address: dto.address, coins_wei_rate: dto.coins_wei_rate ?? null, wei: dto.wei ?? null };
      await m.query(
        `INSERT INTO rewards.transactions (id, user_id, type, status, coins, fee, hash, profile_coins, details, ts)
         VALUES ($1, $2, $3, 'success', $4, $5, $6, $7, $8, $9)`,
        [id, dto.user_id, dto.type === 'bank' ? 'cashout' : 'erc20', dto.coins, fee.toString(), dto.hash ?? null, after.coins.toString(), JSON.stringify(details), dto.ts ? new Date(dto.ts) : new Date()],
      );
      return { transaction_id: id };
    });
    if (!result.duplicate) this.stats.changed(dto.user_id, 'coins', 'cashouts');
    return result;
  }

  async deposit(dto: DepositInputDto): Promise<InputResult> {
    const result = await onceper(this.ds, dto.idempotency_key, 'deposit', dto, async (m) => {
      await ensureUser(m, dto.user_id);
      const id = randomUUID();
      await appendLedger(m, [{ userId: dto.user_id, kind: 'deposit', coins: BigInt(dto.coins), ref: id }]);
      const after = await balanceOf(m, dto.user_id);
      await m.query(
        `INSERT INTO rewards.transactions (id, user_id, type, status, coins, hash, profile_coins, ts) VALUES ($1, $2, 'deposit', 'success', $3, $4, $5, $6)`,
        [id, dto.user_id, dto.coins, dto.hash ?? null, after.coins.toString(), dto.ts ? new Date(dto.ts) : new Date()],
      );
      return { transaction_id: id };
    });
    if (!result.duplicate) this.stats.changed(dto.user_id, 'coins');
    return result;
  }

  async widgetView(dto: WidgetViewDto): Promise<InputResult> {
    const result = await onceper(this.ds, dto.idempotency_key, 'widget-view', dto, async (m) => {
      await ensureUser(m, dto.user_id);
      await m.query('INSERT INTO rewards.widget_views (user_id, widget, ts) VALUES ($1, $2, $3)', [dto.user_id, dto.widget, dto.ts ? new Date(dto.ts) : new Date()]);
      return { widget: dto.widget };
    });
    if (!result.duplicate) this.stats.changed(dto.user_id, 'widgets');
    return result;
  }
}

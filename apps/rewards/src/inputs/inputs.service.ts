import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { type InputResult, BuddyAcceptedDto, BuddySentDto, CashoutInputDto, ClaimDecisionDto, ContributionInputDto, DepositInputDto, ScanInputDto, WidgetViewDto } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { BansRepository } from '../common/bans.repository.js';
import { RulesCatalog } from '../common/rules-catalog.service.js';
import { effectiveLevel, type UserRow, UsersRepository } from '../common/users.repository.js';
import { ClaimsRepository } from '../claims/claims.repository.js';
import { ClaimsService } from '../claims/claims.service.js';
import { LedgerRepository } from '../ledger/ledger.repository.js';
import { TransactionsRepository } from '../ledger/transactions.repository.js';
import { ActivityRepository } from './activity.repository.js';
import { ProcessedInputsRepository } from './processed-inputs.repository.js';
import { SYSTEM_CAMPAIGN } from './scan-ingest.js';
import { ScanBatcher } from './scan-batch.js';
import { ScansRepository } from './scans.repository.js';
import { UserStatsEmitter } from '../stats/user-stats.emitter.js';

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
  constructor(
    private readonly processed: ProcessedInputsRepository, private readonly scans: ScansRepository, private readonly activity: ActivityRepository,
    private readonly users: UsersRepository, private readonly bans: BansRepository, private readonly claims: ClaimsService, private readonly claimRows: ClaimsRepository,
    private readonly ledger: LedgerRepository, private readonly transactions: TransactionsRepository,
    private readonly catalog: RulesCatalog, private readonly stats: UserStatsEmitter,
  ) {}

  async scan(dto: ScanInputDto): Promise<InputResult> {
    this.batcher ??= new ScanBatcher(this.scans, () => this.catalog.get());
    const { result, stats } = await this.batcher.ingest(dto);
    if (stats) this.stats.changed(dto.user_id, 'coins', 'scans', 'ban'); // a scan can start a scan-interval ban
    return result;
  }

  async contribution(kind: ContributionKind, dto: ContributionInputDto): Promise<InputResult> {
    await this.catalog.get(); // warm outside the transaction: a cold load needs a second pooled connection
    const result = await this.processed.once(dto.idempotency_key, kind, dto, async (m) => {
      await this.users.ensure(m, dto.user_id);
      const user = await this.users.require(m, dto.user_id, true);
      const ts = dto.ts ? new Date(dto.ts) : new Date();
      await this.activity.upsertContribution(m, kind, dto.ref, dto.user_id, dto.status, ts);
      const existing = await this.claimRows.findOfContribution(m, kind, dto.ref, dto.user_id);
      let claimId = existing?.id;
      if (!claimId && (dto.status === 'pending' || dto.status === 'accepted') && !(await this.bans.isActive(m, dto.user_id))) {
        claimId = (await this.newClaim(m, user, kind, dto.ref, ts)).id;
      }
      let claimStatus = existing?.status ?? (claimId ? 'pending' : null);
      if (claimId && claimStatus === 'pending' && dto.status !== 'pending') {
        claimStatus = (await this.claims.decide(m, claimId, dto.status === 'accepted' ? 'approved' : 'rejected')).status;
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
    return this.claims.create(m, {
      userId: user.user_id, campaignId: campaign.id, campaignName: campaign.name, campaignRate: campaign.coin_rate, event: kind,
      level: level.type, userCoinRate: level.coin_rate, baseAmount: base, ref, ts,
    });
  }

  async decide(dto: ClaimDecisionDto): Promise<InputResult> {
    const result = await this.processed.once(dto.idempotency_key, 'claim-decision', dto, async (m) => {
      const claim = await this.claims.decide(m, dto.claim_id, dto.status);
      if (claim.user_id !== dto.user_id) throw DomainError.invalid('Claim belongs to another user');
      return { claim_id: claim.id, status: claim.status, coins: claim.coins };
    });
    if (!result.duplicate) this.stats.changed(dto.user_id, 'coins');
    return result;
  }

  async buddySent(dto: BuddySentDto): Promise<InputResult> {
    const result = await this.processed.once(dto.idempotency_key, 'buddy-sent', dto, async (m) => {
      await this.users.ensure(m, dto.user_id);
      await this.activity.insertInvitation(m, dto.invitation_id, dto.user_id, dto.ts ? new Date(dto.ts) : new Date());
      return { invitation_id: dto.invitation_id };
    });
    if (!result.duplicate) this.stats.changed(dto.user_id, 'invitations');
    return result;
  }

  async buddyAccepted(dto: BuddyAcceptedDto): Promise<InputResult> {
    if (dto.buddy_id === dto.user_id) throw DomainError.invalid('A user cannot be their own buddy');
    const result = await this.processed.once(dto.idempotency_key, 'buddy-accepted', dto, async (m) => {
      const ts = dto.ts ? new Date(dto.ts) : new Date();
      await this.users.ensure(m, dto.user_id);
      await this.users.ensure(m, dto.buddy_id);
      await this.users.updateProfile(m, dto.buddy_id, dto.buddy_first_name ?? null, dto.buddy_last_name ?? null, dto.buddy_photo ?? null);
      if (dto.invitation_id) await this.activity.acceptInvitation(m, dto.invitation_id, dto.user_id, dto.buddy_id, ts);
      for (const [a, b] of [[dto.user_id, dto.buddy_id], [dto.buddy_id, dto.user_id]]) {
        await this.activity.insertBuddy(m, a, b, dto.status ?? null, ts);
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
    const result = await this.processed.once(dto.idempotency_key, 'cashout', dto, async (m) => {
      await this.users.require(m, dto.user_id, true);
      const id = `urn:authenticateit:transaction_request:${randomUUID()}`;
      const coins = BigInt(dto.coins);
      const fee = BigInt(dto.fee ?? '0');
      await this.ledger.append(m, [
        { userId: dto.user_id, kind: 'cashout', coins: -coins, ref: id },
        ...(fee > 0n ? [{ userId: dto.user_id, kind: 'cashout_fee' as const, coins: -fee, ref: id }] : []),
      ]);
      const after = await this.ledger.balanceOf(m, dto.user_id);
      const details = dto.type === 'bank'
        ? { account: dto.account, converted_usd_value: dto.converted_usd_value ?? null, converted_value: dto.converted_value ?? null, currency: dto.currency ?? null }
        : { address: dto.address, coins_wei_rate: dto.coins_wei_rate ?? null, wei: dto.wei ?? null };
      await this.transactions.insertCashout(m, {
        id, userId: dto.user_id, type: dto.type === 'bank' ? 'cashout' : 'erc20', coins: dto.coins, fee: fee.toString(), hash: dto.hash ?? null,
        profileCoins: after.coins.toString(), details, ts: dto.ts ? new Date(dto.ts) : new Date(),
      });
      return { transaction_id: id };
    });
    if (!result.duplicate) this.stats.changed(dto.user_id, 'coins', 'cashouts');
    return result;
  }

  async deposit(dto: DepositInputDto): Promise<InputResult> {
    const result = await this.processed.once(dto.idempotency_key, 'deposit', dto, async (m) => {
      await this.users.ensure(m, dto.user_id);
      const id = randomUUID();
      await this.ledger.append(m, [{ userId: dto.user_id, kind: 'deposit', coins: BigInt(dto.coins), ref: id }]);
      const after = await this.ledger.balanceOf(m, dto.user_id);
      await this.transactions.insertDeposit(m, {
        id, userId: dto.user_id, coins: dto.coins, hash: dto.hash ?? null, profileCoins: after.coins.toString(), ts: dto.ts ? new Date(dto.ts) : new Date(),
      });
      return { transaction_id: id };
    });
    if (!result.duplicate) this.stats.changed(dto.user_id, 'coins');
    return result;
  }

  async widgetView(dto: WidgetViewDto): Promise<InputResult> {
    const result = await this.processed.once(dto.idempotency_key, 'widget-view', dto, async (m) => {
      await this.users.ensure(m, dto.user_id);
      await this.activity.insertWidgetView(m, dto.user_id, dto.widget, dto.ts ? new Date(dto.ts) : new Date());
      return { widget: dto.widget };
    });
    if (!result.duplicate) this.stats.changed(dto.user_id, 'widgets');
    return result;
  }
}

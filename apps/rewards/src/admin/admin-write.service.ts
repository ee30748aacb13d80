import { Injectable } from '@nestjs/common';
import { type AuditActor, AuditRecorder } from '#libs/audit';
import { AuditAction, isoSeconds, BanSetDto, TimelineMessageDto } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { parseDocDate } from '../common/iso.js';
import { type BanRow, BansRepository } from '../common/bans.repository.js';
import type { Queryable } from '../common/sql-repository.js';
import { TimelineRepository } from '../common/timeline.repository.js';
import { UsersRepository } from '../common/users.repository.js';
import { LedgerRepository } from '../ledger/ledger.repository.js';
import { TransactionsRepository } from '../ledger/transactions.repository.js';
import { RewardsEnv } from '../config/rewards-env.js';
import { PushEmitter } from '../push/push-emitter.js';
import { outboxPayload, type PushContent, pushOf } from '../push/outbox.repository.js';
import { UserStatsEmitter } from '../stats/user-stats.emitter.js';
import { transactionView } from './admin-read.service.js';

@Injectable()
export class AdminWriteService {
  constructor(
    private readonly users: UsersRepository, private readonly bans: BansRepository, private readonly transactions: TransactionsRepository,
    private readonly ledger: LedgerRepository, private readonly timeline: TimelineRepository, private readonly push: PushEmitter, private readonly env: RewardsEnv,
    private readonly stats: UserStatsEmitter, private readonly audit: AuditRecorder,
  ) {}

  /** The doc's rewards_ban document: the active ban at the top, the others as history. */
  async banStatus(m: Queryable | undefined, userId: string, now = new Date()) {
    const rows = await this.bans.ofUser(m, userId);
    const active = rows.find((b) => !b.unset_at && b.from_ts <= now && b.to_ts > now);
    const item = (b: BanRow) => ({ ...(b.data ? { data: b.data } : {}), from: isoSeconds(b.from_ts), reason: b.reason, rule_id: b.rule_id, to: isoSeconds(b.unset_at && b.unset_at < b.to_ts ? b.unset_at : b.to_ts) });
    return {
      ...(active ? { from: isoSeconds(active.from_ts) } : {}),
      history: rows.filter((b) => b !== active).map(item),
      id: `${userId}@rewards_ban`,
      ...(active ? { reason: active.reason, rule_id: active.rule_id } : {}),
      status: active ? 'active' : 'inactive',
      ...(active ? { to: isoSeconds(active.to_ts) } : {}),
      user: userId,
    };
  }

  async banGet(userId: string) {
    await this.users.require(undefined, userId);
    return this.banStatus(undefined, userId);
  }

  /** Bans and cashout changes are audited in their transaction: the ban (or status) before and after. */
  async banSet(actor: AuditActor, dto: BanSetDto) {
    const to = parseDocDate(dto.to);
    const now = new Date();
    if (!to) throw DomainError.invalid('Invalid request', [{ field: 'to', errors: ['to is not a valid date'] }]);
    if (to <= now) throw DomainError.invalid('Invalid request', [{ field: 'to', errors: ['to must be in the future'] }]);
    const status = await this.users.transaction(async (m) => {
      await this.users.require(m, dto.id, true);
      const before = await this.banStatus(m, dto.id, now);
      await this.bans.unsetRunning(m, dto.id, now);
      await this.bans.insertManual(m, dto.id, dto.reason, now, to);
      const after = await this.banStatus(m, dto.id, now);
      await this.audit.record(m, actor, AuditAction.RewardsBanSet, { target: dto.id, before: activeBan(before), after: activeBan(after) });
      return after;
    });
    this.stats.changed(dto.id, 'ban');
    return status;
  }

  /** Lifting no active ban changes (and records) nothing. */
  async banUnset(actor: AuditActor, userId: string) {
    const status = await this.users.transaction(async (m) => {
      await this.users.require(m, userId, true);
      const now = new Date();
      const before = await this.banStatus(m, userId, now);
      await this.bans.unsetRunning(m, userId, now);
      const after = await this.banStatus(m, userId, now);
      if (before.status === 'active') {
        await this.audit.record(m, actor, AuditAction.RewardsBanUnset, { target: userId, before: activeBan(before), after: activeBan(after) });
      }
      return after;
    });
    this.stats.changed(userId, 'ban');
    return status;
  }

  /** success → failure once, returning the coins (and fee) in the same transaction. */
  async cashoutStatus(actor: AuditActor, userId: string, cashoutId: string, status: string) {
    if (status !== 'failure') throw DomainError.invalid('Invalid request', [{ field: 'status', errors: ['only failure is supported'] }]);
    const view = await this.users.transaction(async (m) => {
      await this.users.require(m, userId, true);
      const tx = await this.transactions.lockCashout(m, cashoutId, userId);
      if (!tx) throw DomainError.notFound('Unknown cashout', 'rewards.unknown_cashout');
      if (tx.status !== 'success') throw DomainError.conflict(`Cashout is already ${tx.status}`, undefined, 'rewards.cashout_not_success');
      const refund = BigInt(tx.coins) + BigInt(tx.fee);
      await this.transactions.markFailed(m, cashoutId);
      await this.ledger.append(m, [{ userId, kind: 'cashout_refund', coins: refund, ref: cashoutId }]);
      await this.audit.record(m, actor, AuditAction.CashoutStatus,
        { target: cashoutId, owner: userId, before: { status: tx.status }, after: { status: 'failure', refunded_coins: refund.toString() } });
      return transactionView({ ...tx, status: 'failure' });
    });
    this.stats.changed(userId, 'coins', 'cashouts');
    return view;
  }

  /**
   * The timeline entry, and with `push_message` a push to the user's devices, recorded with the
   * entry and handed to the emitter after commit (the answer does not wait for it). One statement
   * (TimelineRepository.addMessage): the user must exist and not be deleted.
   */
  async timelineMessage(dto: TimelineMessageDto) {
    const now = new Date();
    const entry = { text: dto.message, ts: isoSeconds(now), type: dto.type };
    const push: PushContent | undefined = dto.push_message
      ? { title: this.env.PUSH_TITLE, body: dto.push_message, data: { type: 'timeline', message_type: dto.type }, record: { message: dto.push_message } }
      : undefined;
    const row = await this.timeline.addMessage(dto.id, entry, now, push ? outboxPayload(push) : null);
    if (!row.found) throw DomainError.notFound('Unknown user', 'rewards.unknown_user');
    // Not awaited: the push is recorded; the emitter batches it with others (or the relay sends it later).
    if (push && row.outbox_id) void this.push.emit([pushOf(row.outbox_id, dto.id, push)]);
    return entry;
  }
}

/** The active ban of a rewards_ban document, as audited (status inactive: no ban). */
function activeBan(ban: { status: string; from?: string | null; to?: string | null; reason?: string; rule_id?: string }) {
  return ban.status === 'active' ? { status: 'active', from: ban.from, to: ban.to, reason: ban.reason, rule_id: ban.rule_id } : { status: 'inactive' };
}

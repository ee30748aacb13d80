import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { type AuditActor, AuditRecorder } from '#libs/audit';
import { AuditAction } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { iso, parseDocDate } from '../common/iso.js';
import { addTimeline } from '../common/timeline.js';
import { requireUser } from '../common/users.js';
import { appendLedger } from '../ledger/ledger.js';
import { RewardsEnv } from '../config/rewards-env.js';
import { PushEmitter } from '../push/push-emitter.js';
import { recordPush } from '../push/push-outbox.js';
import { UserStatsEmitter } from '../stats/user-stats.emitter.js';
import { BanSetDto, TimelineMessageDto } from './admin.dto.js';
import { type TransactionRow, transactionView } from './admin-read.service.js';

interface BanRow { id: string; rule_id: string; reason: string; from_ts: Date; to_ts: Date; data: unknown; unset_at: Date | null }
type Query = Pick<EntityManager, 'query'>;

@Injectable()
export class AdminWriteService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource, private readonly push: PushEmitter, private readonly env: RewardsEnv,
    private readonly stats: UserStatsEmitter, private readonly audit: AuditRecorder,
  ) {}

  /** The doc's rewards_ban document: the active ban at the top, the others as history. */
  async banStatus(q: Query, userId: string, now = new Date()) {
    const rows = await q.query('SELECT * FROM rewards.bans WHERE user_id = $1 ORDER BY from_ts DESC, id DESC', [userId]) as BanRow[];
    const active = rows.find((b) => !b.unset_at && b.from_ts <= now && b.to_ts > now);
    const item = (b: BanRow) => ({ ...(b.data ? { data: b.data } : {}), from: iso(b.from_ts), reason: b.reason, rule_id: b.rule_id, to: iso(b.unset_at && b.unset_at < b.to_ts ? b.unset_at : b.to_ts) });
    return {
      ...(active ? { from: iso(active.from_ts) } : {}),
      history: rows.filter((b) => b !== active).map(item),
      id: `${userId}@rewards_ban`,
      ...(active ? { reason: active.reason, rule_id: active.rule_id } : {}),
      status: active ? 'active' : 'inactive',
      ...(active ? { to: iso(active.to_ts) } : {}),
      user: userId,
    };
  }

  async banGet(userId: string) {
    await requireUser(this.ds, userId);
    return this.banStatus(this.ds, userId);
  }

  /** Bans and cashout changes are audited in their transaction: the ban (or status) before and after. */
  async banSet(actor: AuditActor, dto: BanSetDto) {
    const to = parseDocDate(dto.to);
    const now = new Date();
    if (!to) throw DomainError.invalid('Invalid request', [{ field: 'to', errors: ['to is not a valid date'] }]);
    if (to <= now) throw DomainError.invalid('Invalid request', [{ field: 'to', errors: ['to must be in the future'] }]);
    const status = await this.ds.transaction(async (m) => {
      await requireUser(m, dto.id, true);
      const before = await this.banStatus(m, dto.id, now);
      await m.query('UPDATE rewards.bans SET unset_at = $2 WHERE user_id = $1 AND unset_at IS NULL AND to_ts > $2', [dto.id, now]);
      await m.query(`INSERT INTO rewards.bans (user_id, rule_id, reason, from_ts, to_ts) VALUES ($1, 'manual', $2, $3, $4)`, [dto.id, dto.reason, now, to]);
      const after = await this.banStatus(m, dto.id, now);
      await this.audit.record(m, actor, AuditAction.RewardsBanSet, { target: dto.id, before: activeBan(before), after: activeBan(after) });
      return after;
    });
    this.stats.changed(dto.id, 'ban');
    return status;
  }

  /** Lifting no active ban changes (and records) nothing. */
  async banUnset(actor: AuditActor, userId: string) {
    const status = await this.ds.transaction(async (m) => {
      await requireUser(m, userId, true);
      const now = new Date();
      const before = await this.banStatus(m, userId, now);
      await m.query('UPDATE rewards.bans SET unset_at = $2 WHERE user_id = $1 AND unset_at IS NULL AND to_ts > $2', [userId, now]);
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
    const view = await this.ds.transaction(async (m) => {
      await requireUser(m, userId, true);
      const rows = await m.query(`SELECT * FROM rewards.transactions WHERE id = $1 AND user_id = $2 AND type IN ('cashout', 'erc20') FOR UPDATE`, [cashoutId, userId]) as TransactionRow[];
      const tx = rows[0];
      if (!tx) throw DomainError.notFound('Unknown cashout', 'rewards.unknown_cashout');
      if (tx.status !== 'success') throw DomainError.conflict(`Cashout is already ${tx.status}`, undefined, 'rewards.cashout_not_success');
      const refund = BigInt(tx.coins) + BigInt(tx.fee);
      await m.query(`UPDATE rewards.transactions SET status = 'failure', refunded_at = now() WHERE id = $1`, [cashoutId]);
      await appendLedger(m, [{ userId, kind: 'cashout_refund', coins: refund, ref: cashoutId }]);
      await this.audit.record(m, actor, AuditAction.CashoutStatus,
        { target: cashoutId, owner: userId, before: { status: tx.status }, after: { status: 'failure', refunded_coins: refund.toString() } });
      return transactionView({ ...tx, status: 'failure' });
    });
    this.stats.changed(userId, 'coins', 'cashouts');
    return view;
  }

  /** The timeline entry, and with `push_message` a push to the user's devices (recorded with the entry, sent after commit). */
  async timelineMessage(dto: TimelineMessageDto) {
    const { record, push } = await this.ds.transaction(async (m) => {
      await requireUser(m, dto.id);
      const now = new Date();
      const entry = { text: dto.message, ts: iso(now), type: dto.type };
      await addTimeline(m, dto.id, now, entry);
      const event = dto.push_message
        ? await recordPush(m, dto.id, {
          title: this.env.PUSH_TITLE, body: dto.push_message, data: { type: 'timeline', message_type: dto.type }, record: { message: dto.push_message },
        })
        : undefined;
      return { record: entry, push: event };
    });
    if (push) await this.push.emit([push]);
    return record;
  }
}

/** The active ban of a rewards_ban document, as audited (status inactive: no ban). */
function activeBan(ban: { status: string; from?: string | null; to?: string | null; reason?: string; rule_id?: string }) {
  return ban.status === 'active' ? { status: 'active', from: ban.from, to: ban.to, reason: ban.reason, rule_id: ban.rule_id } : { status: 'inactive' };
}

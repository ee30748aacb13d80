import { Injectable, Logger } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { IdentityPattern, type UserRecord, type UserRecordsDto, isoSeconds, ChunkQueryDto, RewardsQueryDto, ScansQueryDto } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { InjectTransportClient, RedisStreamsClient, StreamRecord } from '#libs/transport';
import { RulesCatalog } from '../common/rules-catalog.service.js';
import { TimelineRepository } from '../common/timeline.repository.js';
import { UsersRepository } from '../common/users.repository.js';
import { ClaimsRepository } from '../claims/claims.repository.js';
import { ActivityRepository } from '../inputs/activity.repository.js';
import { ScansRepository, type StoredScan } from '../inputs/scans.repository.js';
import { type TransactionRow, TransactionsRepository } from '../ledger/transactions.repository.js';
import { monthWindow } from '../levels/level-rules.js';
import { RemindersRepository } from '../reminders/reminders.repository.js';
import { rangeOf } from './range.js';

const TIMELINE_CHUNK = 10;
const BUDDIES_CHUNK = 50;
const BUDDIES_CHUNK_PREFIX = 'urn:authenticateit:user:buddies_chunk:';

/**
 * A `coins` record as the documents show it: an admin's timeline message of type coins carries
 * no amount or status of its own, so those keys are null there.
 */
function timelineRecordView(record: Record<string, unknown>): Record<string, unknown> {
  return record.type === 'coins' ? { coins: null, status: null, ...record } : record;
}

/** A contributor level's coin_rate is coins per product: an 18-decimal string, as every coin amount we send. */
function coinString(value: unknown): unknown {
  return typeof value === 'number' && Number.isInteger(value) ? BigInt(value).toString() : value;
}

@Injectable()
export class AdminReadService {
  private readonly logger = new Logger(AdminReadService.name);

  constructor(
    private readonly users: UsersRepository, private readonly scanRows: ScansRepository, private readonly claims: ClaimsRepository,
    private readonly activity: ActivityRepository, private readonly timelines: TimelineRepository, private readonly sent: RemindersRepository,
    private readonly transactionRows: TransactionsRepository, private readonly catalog: RulesCatalog,
    @InjectTransportClient('identity') private readonly identity: RedisStreamsClient,
  ) {}

  async scans(q: ScansQueryDto) {
    await this.users.require(undefined, q.id);
    if (q.scan_id) {
      const scan = await this.scanRows.findOfUser(q.id, q.scan_id);
      if (!scan) throw DomainError.notFound('Unknown scan', 'rewards.unknown_scan');
      return (await this.withClaims(q.id, [scan]))[0];
    }
    const { count, rows } = await this.scanRows.page(q.id, rangeOf(q));
    return { count, data: await this.withClaims(q.id, rows) };
  }

  /** The doc's scan record: stored fields, a `result` with image / coins / title, and `rewards_actions`. */
  private async withClaims(userId: string, rows: StoredScan[]) {
    if (rows.length === 0) return [];
    const claims = await this.claims.ofScans(userId, rows.map((r) => r.id));
    return rows.map((row) => {
      const own = claims.filter((c) => c.scan_id === row.id);
      const result: Record<string, unknown>[] = [];
      if (row.image_url) result.push({ id: `${row.id}:image`, image: [{ url: row.image_url }], type: 'default' });
      for (const c of own) result.push({ coins: c.coins, id: c.id, rewards_summary: { coins: c.coins } });
      if (row.product_name) result.push({ id: `${row.id}:title`, title: { text: row.product_name } });
      const { image_url: _i, ...record } = row.record;
      return {
        // Documented fields the scanning service does not send us (yet): null unless it did.
        delay: null, handler: null, old_scan_id: null,
        ...record,
        // The scanning session's ticket is a secret: never shown, even if a scanner forwarded it.
        authenticateit_identity_ticket: null,
        ticket: null,
        action_id: own[0]?.id ?? null,
        result,
        rewards_actions: own.map((c) => ({ [c.id]: { campaign: [c.campaign_id], coins: c.coins, event: c.event } })),
      };
    });
  }

  async rewards(q: RewardsQueryDto) {
    await this.users.require(undefined, q.id);
    const { count, rows } = await this.claims.page(q.id, q.type, rangeOf(q));
    return {
      count,
      data: rows.map((c) => ({
        approved_coins: c.status === 'approved' ? c.coins : '0',
        approved_events: c.status === 'approved' ? [c.event] : [],
        campaign_id: c.campaign_id,
        closed_coins: c.status === 'rejected' ? c.coins : '0',
        closed_events: c.status === 'rejected' ? [c.event] : [],
        coin_rate: c.coin_rate,
        events: [c.event],
        id: c.id,
        level: c.level,
        num_impressions: 1,
        pending_coins: c.coins,
        scan_id: c.scan_id,
        ts: isoSeconds(c.ts),
        user_coin_rate: c.user_coin_rate,
        user_id: c.user_id,
      })),
    };
  }

  async buddies(q: ChunkQueryDto) {
    const { userId, offset } = this.buddiesChunk(q);
    await this.users.require(undefined, userId);
    const { levels } = await this.catalog.get();
    const rows = await this.activity.buddiesPage(userId, BUDDIES_CHUNK + 1, offset);
    const chunkId = (o: number) => `${BUDDIES_CHUNK_PREFIX}${Buffer.from(JSON.stringify([userId, o])).toString('base64url')}`;
    return {
      data: rows.slice(0, BUDDIES_CHUNK).map((b) => {
        const level = levels.find((l) => l.type === (b.level ?? 'basic')) ?? levels[0];
        return {
          coins: b.coins, first_name: b.first_name ?? '', id: b.buddy_id, last_name: b.last_name ?? '', level_name: level.name, level_type: level.type,
          photo: b.photo ?? '', ...(b.status ? { status: b.status } : {}), ts: isoSeconds(b.ts), type: 'buddy',
        };
      }),
      id: chunkId(offset),
      next: rows.length > BUDDIES_CHUNK ? chunkId(offset + BUDDIES_CHUNK) : null,
      owner: userId,
      previous: offset > 0 ? chunkId(Math.max(0, offset - BUDDIES_CHUNK)) : null,
    };
  }

  private buddiesChunk(q: ChunkQueryDto): { userId: string; offset: number } {
    if (q.chunk) {
      try {
        const [userId, offset] = JSON.parse(Buffer.from(q.chunk.replace(BUDDIES_CHUNK_PREFIX, ''), 'base64url').toString()) as [string, number];
        if (typeof userId === 'string' && Number.isInteger(offset) && offset >= 0 && (!q.id || q.id === userId)) return { userId, offset };
      } catch { /* falls through */ }
      throw DomainError.notFound('Unknown chunk', 'rewards.unknown_chunk');
    }
    if (!q.id) throw DomainError.invalid('Invalid request', [{ field: 'id', errors: ['id or chunk is required'] }]);
    return { userId: q.id, offset: 0 };
  }

  async timeline(q: ChunkQueryDto) {
    let userId = q.id;
    let fromSeq: string | null = null;
    if (q.chunk) {
      const start = await this.timelines.chunkStart(q.chunk);
      if (!start || (q.id && start.user_id !== q.id)) throw DomainError.notFound('Unknown chunk', 'rewards.unknown_chunk');
      userId = start.user_id;
      fromSeq = start.seq;
    }
    if (!userId) throw DomainError.invalid('Invalid request', [{ field: 'id', errors: ['id or chunk is required'] }]);
    await this.users.require(undefined, userId);
    const rows = await this.timelines.page(userId, fromSeq, TIMELINE_CHUNK + 1);
    return {
      id: rows[0]?.id ?? null,
      next: rows.length > TIMELINE_CHUNK ? rows[TIMELINE_CHUNK].id : null,
      records: rows.slice(0, TIMELINE_CHUNK).map((r) => timelineRecordView(r.record)),
    };
  }

  async reminders(userId: string) {
    await this.users.require(undefined, userId);
    const rows = await this.sent.ofUser(userId);
    return { id: `${userId}@users_reminders`, reminders: rows.map((r) => ({ reminder: r.reminder, ts: isoSeconds(r.ts) })) };
  }

  async transactions(userId: string) {
    await this.users.require(undefined, userId);
    const rows = await this.transactionRows.ofUser(userId);
    return { history: rows.map(transactionView), id: `${userId}@transactions_history` };
  }

  /** Users whose transactions carry a hash containing `hash` (6 to 200 characters: HashParamsDto). */
  async usersByHash(hash: string) {
    const pattern = `%${hash.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await this.transactionRows.usersWithHash(pattern);
    const records = await this.userRecords(rows.map((r) => r.user_id));
    return rows.map((r) => ({ ...records.get(r.user_id), coins: r.coins, id: r.user_id, level: r.level, pending_coins: r.pending_coins }));
  }

  /** Identity's user records for the hash answer; without identity the answer keeps rewards' own fields. */
  private async userRecords(ids: string[]): Promise<Map<string, UserRecord>> {
    if (ids.length === 0) return new Map();
    try {
      const records = await firstValueFrom(this.identity.send<UserRecord[]>(IdentityPattern.UserRecords, new StreamRecord<UserRecordsDto>({ ids }, {}, { timeoutMs: 2000 })));
      return new Map((records ?? []).map((r) => [r.id, r]));
    } catch (error) {
      this.logger.warn(`user records unavailable (${(error as { kind?: string }).kind ?? (error as Error).message}); answering rewards' fields only`);
      return new Map();
    }
  }

  async contributorLevel(userId: string) {
    const user = await this.users.require(undefined, userId);
    const { contributorLevels } = await this.catalog.get();
    const window = monthWindow(new Date(), user.timezone_min);
    const stats = await this.activity.productAdditions(userId, window.from, window.to);
    const decided = stats.accepted + stats.rejected;
    const accuracy = decided === 0 ? 100 : Math.floor((stats.accepted / decided) * 100);
    const requirement = (l: Record<string, unknown>) => ({ contributions: Number(l.contributions ?? 0), accuracy: Number(l.accuracy_rating ?? 0) });
    let currentIndex = 0;
    contributorLevels.forEach((l, i) => {
      const need = requirement(l);
      if (stats.accepted >= need.contributions && accuracy >= need.accuracy) currentIndex = i;
    });
    const next = contributorLevels[Math.min(currentIndex + 1, contributorLevels.length - 1)];
    const needed = requirement(next).contributions;
    const progress = {
      accuracy,
      current_percentages: needed === 0 ? 100 : Math.min(100, Math.floor((stats.accepted / needed) * 100)),
      days_left: window.daysLeft,
      max_percentages: 100,
      products: stats.accepted,
    };
    return {
      contributor_levels: contributorLevels.map((l, i) => {
        const { current: _c, accuracy: _a, current_percentages: _p, days_left: _d, max_percentages: _m, products: _pr, ...definition } = l;
        return { ...definition, coin_rate: coinString(definition.coin_rate), current: i === currentIndex, ...(i === currentIndex ? progress : {}) };
      }),
      current_level: { ...progress, type: contributorLevels[currentIndex].type },
    };
  }
}

/** The doc's transaction history record for each type. */
export function transactionView(t: TransactionRow): Record<string, unknown> {
  if (t.type === 'deposit') return { coins: t.coins, hash: t.hash, id: t.id, status: t.status, ts: isoSeconds(t.ts), type: 'deposit' };
  if (t.type === 'cashout') {
    return { ...t.details, coins: t.coins, hash: t.hash, id: t.id, profile_coins: t.profile_coins, status: t.status, ts: isoSeconds(t.ts), type: 'cashout' };
  }
  return { ...t.details, coins: t.coins, fee: t.fee, hash: t.hash, id: t.id, profile_coins: t.profile_coins, status: t.status, ts: isoSeconds(t.ts) };
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { IdentityPattern, type UserRecord, type UserRecordsRequest } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { InjectTransportClient, RedisStreamsClient, StreamRecord } from '#libs/transport';
import { iso } from '../common/iso.js';
import { RulesCatalog } from '../common/rules-catalog.service.js';
import { requireUser } from '../common/users.js';
import { monthWindow } from '../levels/level-rules.js';
import { ChunkQueryDto, RewardsQueryDto, ScansQueryDto } from './admin.dto.js';
import { rangeOf, type Range } from './range.js';

const TIMELINE_CHUNK = 10;
const BUDDIES_CHUNK = 50;
const BUDDIES_CHUNK_PREFIX = 'urn:authenticateit:user:buddies_chunk:';

function rangeSql(r: Range, column: string, params: unknown[]): string {
  let sql = '';
  if (r.from) { params.push(r.from); sql += ` AND ${column} >= $${params.length}`; }
  if (r.to) { params.push(r.to); sql += ` AND ${column} <= $${params.length}`; }
  return sql;
}

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

interface ScanRow { id: string; record: Record<string, unknown>; image_url: string | null; product_name: string | null }
interface ClaimRow { id: string; user_id: string; campaign_id: string; scan_id: string | null; event: string; status: string; coins: string; level: string; coin_rate: number; user_coin_rate: number; ts: Date }

@Injectable()
export class AdminReadService {
  private readonly logger = new Logger(AdminReadService.name);

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly catalog: RulesCatalog,
    @InjectTransportClient('identity') private readonly identity: RedisStreamsClient,
  ) {}

  async scans(q: ScansQueryDto) {
    await requireUser(this.ds, q.id);
    if (q.scan_id) {
      const rows = await this.ds.query('SELECT id, record, image_url, product_name FROM rewards.scans WHERE user_id = $1 AND id = $2', [q.id, q.scan_id]) as ScanRow[];
      if (!rows[0]) throw DomainError.notFound('Unknown scan', 'rewards.unknown_scan');
      return (await this.withClaims(rows))[0];
    }
    const r = rangeOf(q);
    const params: unknown[] = [q.id];
    const where = `user_id = $1${rangeSql(r, 'event_ts', params)}`;
    const count = (await this.ds.query(`SELECT count(*)::int AS n FROM rewards.scans WHERE ${where}`, params) as { n: number }[])[0].n;
    const rows = await this.ds.query(
      `SELECT id, record, image_url, product_name FROM rewards.scans WHERE ${where} ORDER BY event_ts ${r.order}, id LIMIT ${r.limit} OFFSET ${r.offset}`, params,
    ) as ScanRow[];
    return { count, data: await this.withClaims(rows) };
  }

  /** The doc's scan record: stored fields, a `result` with image / coins / title, and `rewards_actions`. */
  private async withClaims(rows: ScanRow[]) {
    if (rows.length === 0) return [];
    const claims = await this.ds.query(
      `SELECT id, scan_id, campaign_id, coins, event FROM rewards.claims WHERE scan_id = ANY($1::uuid[]) AND status <> 'rejected' ORDER BY ts`,
      [rows.map((r) => r.id)],
    ) as { id: string; scan_id: string; campaign_id: string; coins: string; event: string }[];
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
    await requireUser(this.ds, q.id);
    const r = rangeOf(q);
    const params: unknown[] = [q.id, q.type];
    const where = `user_id = $1 AND status = $2${rangeSql(r, 'ts', params)}`;
    const count = (await this.ds.query(`SELECT count(*)::int AS n FROM rewards.claims WHERE ${where}`, params) as { n: number }[])[0].n;
    const rows = await this.ds.query(`SELECT * FROM rewards.claims WHERE ${where} ORDER BY ts ${r.order}, id LIMIT ${r.limit} OFFSET ${r.offset}`, params) as ClaimRow[];
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
        ts: iso(c.ts),
        user_coin_rate: c.user_coin_rate,
        user_id: c.user_id,
      })),
    };
  }

  async buddies(q: ChunkQueryDto) {
    const { userId, offset } = this.buddiesChunk(q);
    await requireUser(this.ds, userId);
    const { levels } = await this.catalog.get();
    const rows = await this.ds.query(
      `SELECT b.buddy_id, b.status, b.ts, u.first_name, u.last_name, u.photo, u.level, coalesce(bal.coins, 0)::text AS coins
       FROM rewards.buddies b LEFT JOIN rewards.users u ON u.user_id = b.buddy_id LEFT JOIN rewards.balances bal ON bal.user_id = b.buddy_id
       WHERE b.user_id = $1 ORDER BY b.ts, b.buddy_id LIMIT ${BUDDIES_CHUNK + 1} OFFSET ${offset}`, [userId],
    ) as { buddy_id: string; status: string | null; ts: Date; first_name: string | null; last_name: string | null; photo: string | null; level: string | null; coins: string }[];
    const chunkId = (o: number) => `${BUDDIES_CHUNK_PREFIX}${Buffer.from(JSON.stringify([userId, o])).toString('base64url')}`;
    return {
      data: rows.slice(0, BUDDIES_CHUNK).map((b) => {
        const level = levels.find((l) => l.type === (b.level ?? 'basic')) ?? levels[0];
        return {
          coins: b.coins, first_name: b.first_name ?? '', id: b.buddy_id, last_name: b.last_name ?? '', level_name: level.name, level_type: level.type,
          photo: b.photo ?? '', ...(b.status ? { status: b.status } : {}), ts: iso(b.ts), type: 'buddy',
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
      const rows = await this.ds.query('SELECT user_id, seq FROM rewards.timeline WHERE id::text = $1', [q.chunk]) as { user_id: string; seq: string }[];
      if (!rows[0] || (q.id && rows[0].user_id !== q.id)) throw DomainError.notFound('Unknown chunk', 'rewards.unknown_chunk');
      userId = rows[0].user_id;
      fromSeq = rows[0].seq;
    }
    if (!userId) throw DomainError.invalid('Invalid request', [{ field: 'id', errors: ['id or chunk is required'] }]);
    await requireUser(this.ds, userId);
    const rows = await this.ds.query(
      `SELECT id, record FROM rewards.timeline WHERE user_id = $1${fromSeq ? ' AND seq <= $2' : ''} ORDER BY seq DESC LIMIT ${TIMELINE_CHUNK + 1}`,
      fromSeq ? [userId, fromSeq] : [userId],
    ) as { id: string; record: Record<string, unknown> }[];
    return {
      id: rows[0]?.id ?? null,
      next: rows.length > TIMELINE_CHUNK ? rows[TIMELINE_CHUNK].id : null,
      records: rows.slice(0, TIMELINE_CHUNK).map((r) => timelineRecordView(r.record)),
    };
  }

  async reminders(userId: string) {
    await requireUser(this.ds, userId);
    const rows = await this.ds.query('SELECT reminder, ts FROM rewards.reminders_sent WHERE user_id = $1 ORDER BY ts DESC, id DESC', [userId]) as { reminder: string; ts: Date }[];
    return { id: `${userId}@users_reminders`, reminders: rows.map((r) => ({ reminder: r.reminder, ts: iso(r.ts) })) };
  }

  async transactions(userId: string) {
    await requireUser(this.ds, userId);
    const rows = await this.ds.query('SELECT * FROM rewards.transactions WHERE user_id = $1 ORDER BY ts DESC, id', [userId]) as TransactionRow[];
    return { history: rows.map(transactionView), id: `${userId}@transactions_history` };
  }

  /** Users whose transactions carry a hash containing `hash` (6 to 200 characters: HashParamsDto). */
  async usersByHash(hash: string) {
    const pattern = `%${hash.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await this.ds.query(
      `SELECT u.user_id, u.level, coalesce(b.coins, 0)::text AS coins, coalesce(b.pending_coins, 0)::text AS pending_coins
       FROM rewards.users u LEFT JOIN rewards.balances b ON b.user_id = u.user_id
       WHERE u.user_id IN (SELECT user_id FROM rewards.transactions WHERE hash ILIKE $1) ORDER BY u.user_id LIMIT 100`, [pattern],
    ) as { user_id: string; level: string; coins: string; pending_coins: string }[];
    const records = await this.userRecords(rows.map((r) => r.user_id));
    return rows.map((r) => ({ ...records.get(r.user_id), coins: r.coins, id: r.user_id, level: r.level, pending_coins: r.pending_coins }));
  }

  /** Identity's user records for the hash answer; without identity the answer keeps rewards' own fields. */
  private async userRecords(ids: string[]): Promise<Map<string, UserRecord>> {
    if (ids.length === 0) return new Map();
    try {
      const records = await firstValueFrom(this.identity.send<UserRecord[]>(IdentityPattern.UserRecords, new StreamRecord<UserRecordsRequest>({ ids }, {}, { timeoutMs: 2000 })));
      return new Map((records ?? []).map((r) => [r.id, r]));
    } catch (error) {
      this.logger.warn(`user records unavailable (${(error as { kind?: string }).kind ?? (error as Error).message}); answering rewards' fields only`);
      return new Map();
    }
  }

  async contributorLevel(userId: string) {
    const user = await requireUser(this.ds, userId);
    const { contributorLevels } = await this.catalog.get();
    const window = monthWindow(new Date(), user.timezone_min);
    const stats = (await this.ds.query(
      `SELECT count(*) FILTER (WHERE status = 'accepted')::int AS accepted, count(*) FILTER (WHERE status = 'rejected')::int AS rejected
       FROM rewards.contributions WHERE user_id = $1 AND kind = 'product_added' AND ts >= $2 AND ts < $3`, [userId, window.from, window.to],
    ) as { accepted: number; rejected: number }[])[0];
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

export interface TransactionRow {
  id: string; user_id: string; type: 'deposit' | 'cashout' | 'erc20'; status: string; coins: string; fee: string; hash: string | null;
  profile_coins: string | null; details: Record<string, unknown>; ts: Date;
}

/** The doc's transaction history record for each type. */
export function transactionView(t: TransactionRow): Record<string, unknown> {
  if (t.type === 'deposit') return { coins: t.coins, hash: t.hash, id: t.id, status: t.status, ts: iso(t.ts), type: 'deposit' };
  if (t.type === 'cashout') {
    return { ...t.details, coins: t.coins, hash: t.hash, id: t.id, profile_coins: t.profile_coins, status: t.status, ts: iso(t.ts), type: 'cashout' };
  }
  return { ...t.details, coins: t.coins, fee: t.fee, hash: t.hash, id: t.id, profile_coins: t.profile_coins, status: t.status, ts: iso(t.ts) };
}

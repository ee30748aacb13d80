import { randomBytes, randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { SessionInfo } from '#libs/contracts';
import type { RedisClient } from '#libs/redis';
import { SessionReads } from './session-reads.js';
import { hashTicket } from './ticket-hash.js';

/** Where and when a session began (shown to its owner in the session list). */
export interface SessionOrigin { ip?: string; userAgent?: string }

/** What is stored per session; the SessionInfo the gateway hands to services is derived from it. */
export type StoredSession = Omit<SessionInfo, 'ticketHash'> & SessionOrigin & {
  /** Public id of the session (never the ticket, never its hash). */
  sessionId: string;
  createdAt: string;
};

export type SessionPatch = Partial<Omit<StoredSession, 'userId' | 'createdAt' | 'sessionId'>>;

/** One of a user's live sessions as its owner may see it. */
export interface SessionListing extends SessionOrigin {
  sessionId: string;
  createdAt: string;
  lastSeenAt: string;
  ticketHash: string;
}

export interface TicketStoreOptions {
  /** Idle lifetime: every use slides it. */
  ttlSeconds: number;
  /** Absolute lifetime: a session ends this long after sign-in, however much it is used. */
  maxAgeSeconds: number;
}

/** A stored session as read last time: the same JSON parses to the same session. */
interface ParsedSession { raw: string; session: Readonly<SessionInfo>; indexed: boolean; createdAtMs: number }

/** Sessions whose parse is kept per replica (about 1 KB each): the active users of a few minutes. */
const PARSED_SESSIONS = 10_000;

const sessionKey = (hash: string) => `sess:${hash}`;
/** A sorted set (the set-typed `sess-user:` index of earlier versions is not read: such sessions are refused). */
const userIndexKey = (userId: string) => `sess-index:${userId}`;

/**
 * Adds a session to its user's index and keeps the index alive as long as the longest session it
 * may hold (the absolute lifetime), dropping members past theirs. One key: runs on a Cluster too.
 */
const INDEX_ADD = `
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < tonumber(ARGV[4]) then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
return 1`;

/** Takes every member of a user's index and deletes the index, atomically. */
const INDEX_TAKE = `
local members = redis.call('ZRANGE', KEYS[1], 0, -1)
redis.call('DEL', KEYS[1])
return members`;

/**
 * Sessions in Redis: `sess:<sha256(ticket)>` holds the session JSON with a sliding TTL (and an
 * absolute lifetime checked on every use); `sess-index:<userId>` is a sorted set of the user's
 * ticket hashes (score: end of the absolute lifetime) that outlives every session it lists, so
 * block, delete, merge and password change end all of them, whatever their age. No command
 * spans two keys, so the store runs unchanged on a Redis Cluster.
 */
export class TicketStore {
  private readonly ttlSeconds: number;
  private readonly maxAgeMs: number;
  /**
   * Every authenticated request reads its session: parsing the same JSON again and building the
   * same object was the gateway's largest share of garbage per request. Keyed by ticket hash and
   * used only while Redis answers the very same bytes, so a changed or ended session is never
   * served from here (Redis is still read and its TTL slid every time).
   */
  private readonly parsed = new LRUCache<string, ParsedSession>({ max: PARSED_SESSIONS });
  private readonly reads: SessionReads;

  constructor(private readonly redis: RedisClient, options: TicketStoreOptions) {
    this.ttlSeconds = options.ttlSeconds;
    this.maxAgeMs = Math.max(options.maxAgeSeconds, options.ttlSeconds) * 1000;
    this.reads = new SessionReads(redis, this.ttlSeconds);
  }

  async create(session: Omit<StoredSession, 'createdAt' | 'sessionId'>): Promise<string> {
    const ticket = randomUUID();
    const hash = hashTicket(ticket);
    const now = Date.now();
    const stored: StoredSession = { ...session, sessionId: randomBytes(12).toString('base64url'), createdAt: new Date(now).toISOString() };
    // Indexed first: a session that exists is always findable by revocation.
    await this.redis.eval(INDEX_ADD, 1, userIndexKey(session.userId), now + this.maxAgeMs, hash, now, this.maxAgeMs);
    await this.redis.set(sessionKey(hash), JSON.stringify(stored), 'EX', this.ttlSeconds);
    return ticket;
  }

  /** One round trip: reads the session and slides its TTL (GETEX). The answer is frozen: it may be shared. */
  async lookup(ticket: string): Promise<Readonly<SessionInfo> | null> {
    const hash = hashTicket(ticket);
    const raw = await this.reads.read(sessionKey(hash));
    if (!raw) {
      this.parsed.delete(hash);
      return null;
    }
    const parsed = this.parse(hash, raw);
    if (!parsed.indexed || this.pastMaxAge(parsed.createdAtMs)) {
      // Past its absolute lifetime, or made before sessions were indexed so that revocation finds them.
      this.parsed.delete(hash);
      await this.revoke(hash, parsed.session.userId);
      return null;
    }
    return parsed.session;
  }

  private parse(hash: string, raw: string): ParsedSession {
    const known = this.parsed.get(hash);
    if (known?.raw === raw) return known;
    const stored = JSON.parse(raw) as StoredSession;
    const session = Object.freeze({ userId: stored.userId, name: stored.name, currentParticipant: stored.currentParticipant,
      roles: Object.freeze(stored.roles), modules: Object.freeze(stored.modules), ticketHash: hash }) as Readonly<SessionInfo>;
    const parsed = { raw, session, indexed: !!stored.sessionId, createdAtMs: Date.parse(stored.createdAt) };
    this.parsed.set(hash, parsed);
    return parsed;
  }

  /** Replaces fields of one session (switch-context), keeping its remaining TTL. */
  async update(ticketHash: string, patch: SessionPatch): Promise<boolean> {
    const raw = await this.redis.get(sessionKey(ticketHash));
    if (!raw) return false;
    const next = { ...(JSON.parse(raw) as StoredSession), ...patch };
    const result = await this.redis.set(sessionKey(ticketHash), JSON.stringify(next), 'KEEPTTL', 'XX');
    return result === 'OK';
  }

  async revoke(ticketHash: string, userId: string): Promise<void> {
    await Promise.all([this.redis.del(sessionKey(ticketHash)), this.redis.zrem(userIndexKey(userId), ticketHash)]);
  }

  /** Ends every session of a user (block, delete, merge, password change, restore). Returns how many were live. */
  async revokeAllFor(userId: string): Promise<number> {
    const hashes = (await this.redis.eval(INDEX_TAKE, 1, userIndexKey(userId))) as string[];
    const deleted = await Promise.all(hashes.map((hash) => this.redis.del(sessionKey(hash))));
    return deleted.reduce((n, d) => n + d, 0);
  }

  /** Applies a patch to every live session of a user (e.g. roles changed). */
  async updateAllFor(userId: string, patch: SessionPatch): Promise<void> {
    await this.updateWhere(userId, () => true, patch);
  }

  /** Applies a patch to those live sessions of a user that `match` selects; returns how many. */
  async updateWhere(userId: string, match: (session: StoredSession) => boolean, patch: SessionPatch): Promise<number> {
    const live = await this.liveSessions(userId);
    const done = await Promise.all(live.filter(({ session }) => match(session)).map(({ hash }) => this.update(hash, patch)));
    return done.filter(Boolean).length;
  }

  /** The user's live sessions, newest first; stale index members are pruned on the way. */
  async listFor(userId: string): Promise<SessionListing[]> {
    const live = await this.liveSessions(userId);
    const ttls = await Promise.all(live.map(({ hash }) => this.redis.pttl(sessionKey(hash))));
    const now = Date.now();
    return live.map(({ hash, session }, i) => ({
      sessionId: session.sessionId,
      createdAt: session.createdAt,
      // The TTL slides on every use: how much of it is gone is how long ago it was last used.
      lastSeenAt: new Date(Math.min(now, now - (this.ttlSeconds * 1000 - Math.max(ttls[i], 0)))).toISOString(),
      ticketHash: hash,
      ...(session.ip ? { ip: session.ip } : {}),
      ...(session.userAgent ? { userAgent: session.userAgent } : {}),
    })).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  private async liveSessions(userId: string): Promise<{ hash: string; session: StoredSession }[]> {
    const hashes = await this.redis.zrange(userIndexKey(userId), 0, -1);
    const raws = await Promise.all(hashes.map((hash) => this.redis.get(sessionKey(hash))));
    const live: { hash: string; session: StoredSession }[] = [];
    const stale: string[] = [];
    hashes.forEach((hash, i) => {
      const session = raws[i] ? (JSON.parse(raws[i]!) as StoredSession) : undefined;
      if (session && !this.pastMaxAge(Date.parse(session.createdAt))) live.push({ hash, session });
      else stale.push(hash);
    });
    if (stale.length > 0) await this.redis.zrem(userIndexKey(userId), ...stale);
    return live;
  }

  private pastMaxAge(createdAtMs: number): boolean {
    return Date.now() - createdAtMs > this.maxAgeMs;
  }
}

import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { SessionInfo } from '#libs/contracts';
import { hashTicket } from './ticket-hash.js';

/** What is stored per session; the SessionInfo the gateway hands to services is derived from it. */
export type StoredSession = Omit<SessionInfo, 'ticketHash'> & { createdAt: string };

const sessionKey = (hash: string) => `sess:${hash}`;
const userIndexKey = (userId: string) => `sess-user:${userId}`;

/**
 * Sessions in Redis: `sess:<sha256(ticket)>` holds the session JSON with a sliding TTL;
 * `sess-user:<userId>` is a set of the user's ticket hashes so all of them end at once.
 */
export class TicketStore {
  constructor(private readonly redis: Redis, private readonly ttlSeconds: number) {}

  async create(session: Omit<StoredSession, 'createdAt'>): Promise<string> {
    const ticket = randomUUID();
    const hash = hashTicket(ticket);
    const stored: StoredSession = { ...session, createdAt: new Date().toISOString() };
    await this.redis.multi()
      .set(sessionKey(hash), JSON.stringify(stored), 'EX', this.ttlSeconds)
      .sadd(userIndexKey(session.userId), hash)
      .expire(userIndexKey(session.userId), this.ttlSeconds)
      .exec();
    return ticket;
  }

  /** One round trip: reads the session and slides its TTL (GETEX). */
  async lookup(ticket: string): Promise<SessionInfo | null> {
    const hash = hashTicket(ticket);
    const raw = await this.redis.getex(sessionKey(hash), 'EX', this.ttlSeconds);
    if (!raw) return null;
    const stored = JSON.parse(raw) as StoredSession;
    return { userId: stored.userId, name: stored.name, currentParticipant: stored.currentParticipant,
      roles: stored.roles, modules: stored.modules, ticketHash: hash };
  }

  /** Replaces fields of one session (switch-context), keeping its remaining TTL. */
  async update(ticketHash: string, patch: Partial<Omit<StoredSession, 'userId' | 'createdAt'>>): Promise<boolean> {
    const raw = await this.redis.get(sessionKey(ticketHash));
    if (!raw) return false;
    const next = { ...(JSON.parse(raw) as StoredSession), ...patch };
    const result = await this.redis.set(sessionKey(ticketHash), JSON.stringify(next), 'KEEPTTL', 'XX');
    return result === 'OK';
  }

  async revoke(ticketHash: string, userId: string): Promise<void> {
    await this.redis.multi().del(sessionKey(ticketHash)).srem(userIndexKey(userId), ticketHash).exec();
  }

  /** Ends every session of a user (block, delete, merge, password change). Returns how many. */
  async revokeAllFor(userId: string): Promise<number> {
    const hashes = await this.redis.smembers(userIndexKey(userId));
    const tx = this.redis.multi();
    for (const hash of hashes) tx.del(sessionKey(hash));
    tx.del(userIndexKey(userId));
    const results = await tx.exec();
    return (results ?? []).slice(0, hashes.length).reduce((n, [, deleted]) => n + Number(deleted), 0);
  }

  /** Applies a patch to every live session of a user (e.g. roles changed). */
  async updateAllFor(userId: string, patch: Partial<Omit<StoredSession, 'userId' | 'createdAt'>>): Promise<void> {
    await this.updateWhere(userId, () => true, patch);
  }

  /** Applies a patch to those live sessions of a user that `match` selects; returns how many. */
  async updateWhere(
    userId: string, match: (session: StoredSession) => boolean, patch: Partial<Omit<StoredSession, 'userId' | 'createdAt'>>,
  ): Promise<number> {
    const hashes = await this.redis.smembers(userIndexKey(userId));
    if (hashes.length === 0) return 0;
    const raws = await this.redis.mget(hashes.map(sessionKey));
    const chosen = hashes.filter((_, i) => raws[i] && match(JSON.parse(raws[i]!) as StoredSession));
    const done = await Promise.all(chosen.map((hash) => this.update(hash, patch)));
    return done.filter(Boolean).length;
  }
}

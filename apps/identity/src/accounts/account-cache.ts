import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import pg from 'pg';
import { Counter, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { pgPool } from '#libs/database';
import type { RawJson } from '#libs/transport';
import { METRICS_REGISTRY } from '#libs/observability';
import { IdentityEnv } from '../config/identity-env.js';

/** Sent by the triggers of migration AccountChangeNotices: a user id, or '*' for everyone. */
const CHANNEL = 'identity_account_changed';
/** A safety net only: should a change ever reach us without a notice, it shows within this time. */
const MAX_AGE_MS = 300_000;
const RECONNECT_MS = 1_000;

/**
 * Finished GET /account answers (encoded) of recently active users, per replica, dropped when Postgres
 * says that what they were read from changed (as Keycloak's local user cache with invalidation
 * messages). Nothing is served or kept while the notice connection is down, and a read that
 * overlapped a change of its user is not kept. LRU-bounded by ACCOUNT_CACHE_SIZE (0 turns it off).
 */
@Injectable()
export class AccountCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AccountCache.name);
  private readonly entries?: LRUCache<string, RawJson>;
  /** The notice count at each user's last change: at least as many users as notices a read can overlap. */
  private readonly changedAt: LRUCache<string, number>;
  private notices = 0;
  private flushedAt = 0;
  private listener?: pg.Client;
  private listening = false;
  private closed = false;
  private readonly reads: Counter<'result'>;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource, env: IdentityEnv,
    @Optional() @Inject(METRICS_REGISTRY) registry?: Registry) {
    this.reads = new Counter({ name: 'identity_account_cache_reads_total', help: 'GET /account reads, answered from the cache (hit) or not (miss)',
      labelNames: ['result'], registers: [registry ?? new Registry()] });
    const max = env.ACCOUNT_CACHE_SIZE;
    if (max > 0) this.entries = new LRUCache({ max, ttl: MAX_AGE_MS });
    this.changedAt = new LRUCache({ max: Math.max(10_000, max * 4) });
  }

  async onModuleInit(): Promise<void> {
    if (this.entries) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.listener?.end().catch(() => undefined);
  }

  get(userId: string): RawJson | undefined {
    const answer = this.listening ? this.entries?.get(userId) : undefined;
    this.reads.inc({ result: answer ? 'hit' : 'miss' });
    return answer;
  }

  /** Taken before reading a user's answer; `keep` refuses the answer if a change came in since. */
  mark(): number {
    return this.notices;
  }

  keep(userId: string, mark: number, answer: RawJson, validUntil: Date): void {
    const ttl = Math.min(MAX_AGE_MS, validUntil.getTime() - Date.now());
    if (!this.entries || !this.listening || ttl <= 0 || this.flushedAt > mark) return;
    if (this.notices - mark >= this.changedAt.max || (this.changedAt.get(userId) ?? -1) > mark) return;
    this.entries.set(userId, answer, { ttl });
  }

  /** This replica is changing the user's data: drop the answer now, and refuse reads that overlap. */
  changing(userId: string): void {
    this.notices++;
    this.changedAt.set(userId, this.notices);
    this.entries?.delete(userId);
  }

  private onNotice(userId: string): void {
    if (userId !== '*') return this.changing(userId);
    this.flush();
  }

  /** Drops every answer, and refuses every read that began before. */
  private flush(): void {
    this.flushedAt = ++this.notices;
    this.entries?.clear();
  }

  private async listen(): Promise<void> {
    const client = new pg.Client(pgPool(this.dataSource).options);
    let gone = false;
    const lost = (error?: Error) => { if (!gone) { gone = true; this.lost(client, error); } };
    client.on('notification', (n) => n.channel === CHANNEL && this.onNotice(n.payload ?? '*'));
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      if (gone) return;
      this.listener = client;
      this.flush();
      this.listening = true;
    } catch (error) {
      lost(error as Error);
    }
  }

  /** Whatever changed while we were not listening is unknown: forget everything, listen again. */
  private lost(client: pg.Client, error?: Error): void {
    const wasListening = this.listening;
    this.listener = undefined;
    this.listening = false;
    this.flush();
    client.end().catch(() => undefined);
    if (this.closed) return;
    if (wasListening) this.logger.warn(`account cache off until the notice connection is back: ${error?.message ?? 'closed'}`);
    setTimeout(() => void this.listen(), RECONNECT_MS).unref();
  }
}

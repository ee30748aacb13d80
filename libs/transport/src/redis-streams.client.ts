import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy, ReadPacket, WritePacket } from '@nestjs/microservices';
import type { RedisOptions } from 'ioredis';
import { Observable } from 'rxjs';
import { EVENT_SUBSCRIBERS, Header, type EventName, type MessageHeaders } from '#libs/contracts';
import { isWireError } from '#libs/errors';
import { closeRedis, createRedis, type RedisClient } from '#libs/redis';
import { DEFAULTS, defaultInstanceId } from './defaults.js';
import type { HandledHook } from './handled-hook.js';
import { LivenessCache } from './heartbeat.js';
import { TransportKeys } from './keys.js';
import { ReplicaWatch } from './replica-watch.js';
import { requestContext } from './request-context.js';
import { Sealer } from './sealer.js';
import { decodeBinaryReplies, isBinaryFrame } from './binary-replies.js';
import { isRawJson } from './raw-json.js';
import { StreamRecord } from './stream-record.js';
import { afterNextTurn } from './turns.js';
import {
  type ReplyPacket, type StreamMessage, asWireError, decodeReplies, encodeEntry, encodeMessages, sealData, timedOut, unavailable,
} from './wire-format.js';

export interface RedisStreamsClientOptions {
  url: string;
  /** Seed nodes of a Redis Cluster (host:port); when given, `url` only supplies auth and TLS. */
  clusterNodes?: readonly string[];
  /** Target service of send(); emit() needs none. */
  service?: string;
  /** Own service name, sent in the x-caller header. */
  caller: string;
  timeoutMs?: number;
  prefix?: string;
  /** Seals request and event bodies, opens replies; default: the development key. */
  sealer?: Sealer;
  /** The servers' reclaim idle time: every timeout must stay below it, so a reclaimed request has always expired. */
  reclaimIdleMs?: number;
  redisOptions?: RedisOptions;
  /** Observability hook: called when a request settles (reply, error, timeout). */
  onHandled?: HandledHook;
}

interface Pending {
  callback: (packet: WritePacket) => void;
  timer: NodeJS.Timeout;
  pattern: string;
  startedAt: number;
  /** Stream entry id, once XADD answered (the replica watch matches it against dead replicas' pending entries). */
  entryId?: string;
  /** The caller takes an already encoded answer as RawJson (else it gets the parsed value). */
  rawJson?: boolean;
}

/** Requests in one stream entry at most (a burst above it is written as several entries). */
const MAX_PER_ENTRY = 100;

/** Splits send()/emit() data into payload, headers and options. */
export function unpackRecord(data: unknown): { data: unknown; headers: MessageHeaders; timeoutMs?: number; rawJson?: boolean } {
  if (data instanceof StreamRecord) {
    const { timeoutMs, rawJson } = data.options;
    return rawJson ? { data: data.data, headers: { ...data.headers }, timeoutMs, rawJson } : { data: data.data, headers: { ...data.headers }, timeoutMs };
  }
  return { data, headers: {} };
}

/**
 * ClientProxy of the Redis Streams transport. Requests go to `rq:{service}`, replies come back
 * on this instance's own pub/sub channel; events are written once per subscribing service.
 * Bodies travel sealed; errors are WireError objects. Inside a handler, the request id and the
 * remaining deadline of the message being handled carry over to every call made here.
 */
export class RedisStreamsClient extends ClientProxy implements OnApplicationShutdown {
  readonly service?: string;
  readonly caller: string;
  /** Reply channel id of this client instance. */
  readonly clientId: string;
  private readonly keys: TransportKeys;
  private readonly sealer: Sealer;
  private readonly timeoutMs: number;
  private readonly maxTimeoutMs: number;
  private readonly trimAgeMs: number;
  private cmd?: RedisClient;
  private sub?: RedisClient;
  private ready?: Promise<void>;
  private liveness?: LivenessCache;
  private watch?: ReplicaWatch;
  private readonly subscriberCache = new Map<string, { at: number; services: Promise<string[]> }>();
  private readonly pending = new Map<string, Pending>();
  private readonly emitter = new EventEmitter();
  private readonly logger = new Logger('RedisStreamsClient');
  private readonly clamped = new Set<string>();
  private outgoing?: { messages: StreamMessage[]; written: Promise<void> };
  private entryCount = 0;
  /** Observability hook (see RedisStreamsClientOptions.onHandled); may be set after construction. */
  onHandled?: HandledHook;

  constructor(private readonly options: RedisStreamsClientOptions) {
    super();
    this.service = options.service;
    this.caller = options.caller;
    this.clientId = `${options.caller}:${defaultInstanceId()}`;
    this.keys = new TransportKeys(options.prefix);
    this.sealer = options.sealer ?? Sealer.fromSpec(undefined);
    const reclaimIdleMs = options.reclaimIdleMs ?? DEFAULTS.minIdleMs;
    this.maxTimeoutMs = reclaimIdleMs - 1;
    this.trimAgeMs = 2 * reclaimIdleMs;
    this.timeoutMs = options.timeoutMs ?? Math.min(DEFAULTS.timeoutMs, this.maxTimeoutMs);
    if (this.timeoutMs > this.maxTimeoutMs) {
      throw new Error(`timeout ${this.timeoutMs} ms must stay below the reclaim idle time ${reclaimIdleMs} ms, or a request could run twice`);
    }
    this.onHandled = options.onHandled;
  }

  /** True when the target service has a live replica (the same check send() fails fast on). */
  async hasLiveReplica(): Promise<boolean> {
    if (!this.service) return false;
    await this.connect();
    return this.liveness!.isAlive(this.service);
  }

  /** Opens both connections and subscribes to the reply channel (idempotent). */
  connect(): Promise<void> {
    this.ready ??= this.open().catch((err) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }

  private async open(): Promise<void> {
    const redisOptions = { ...this.options.redisOptions, connectionName: this.clientId };
    const target = { url: this.options.url, clusterNodes: this.options.clusterNodes };
    // Concurrent sends issued in one tick share one socket write (XADDs, liveness reads).
    this.cmd = createRedis(target, { enableAutoPipelining: true, ...redisOptions });
    this.sub = createRedis(target, redisOptions);
    for (const conn of [this.cmd, this.sub]) {
      conn.on('error', (err: Error) => this.onRedisError(err));
      conn.on('ready', () => this._status$.next('connected'));
      conn.on('reconnecting', () => this._status$.next('reconnecting'));
    }
    // Replies published while the subscriber is away are lost: tell their callers now, not at their timeout.
    this.sub.on('close', () => this.failAll(unavailable('connection to Redis lost; the answer cannot arrive', 'transport.connection_lost')));
    // Buffers: a large answer arrives as a binary frame, never converted to a string (no 'message' listener, so ioredis converts nothing).
    this.sub.on('messageBuffer', (_channel: Buffer, payload: Buffer) => this.onReply(payload));
    this.liveness = new LivenessCache(this.cmd, (s) => this.keys.alive(s), DEFAULTS.livenessCacheMs, DEFAULTS.aliveWindowMs);
    if (this.service) {
      this.watch = new ReplicaWatch(this.cmd, this.keys, this.service, DEFAULTS.aliveWindowMs, () => this.pending.values(),
        (entryIds, replica) => this.failHeldBy(entryIds, replica));
      this.watch.start(DEFAULTS.replicaWatchMs);
    }
    // ioredis re-subscribes by itself after a reconnect.
    await this.sub.subscribe(this.keys.replies(this.clientId));
  }

  /** Like ClientProxy.send, but the timeout also covers connecting and undefined data is allowed. */
  override send<TResult = unknown, TInput = unknown>(pattern: unknown, data: TInput): Observable<TResult> {
    return new Observable<TResult>((observer) => {
      const callback = this.createObserver(observer);
      return this.publish(this.createPacket(pattern, data ?? null), callback);
    });
  }

  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    const { data, headers, timeoutMs, rawJson } = unpackRecord(packet.data);
    const pattern = this.normalizePattern(packet.pattern);
    const context = requestContext.current();
    const own = this.boundedTimeout(pattern, timeoutMs ?? this.timeoutMs);
    const left = context?.deadline === undefined ? own : Math.min(own, context.deadline - Date.now());
    const id = randomUUID();
    const timer = setTimeout(() => this.settle(id, { err: timedOut(`${pattern} timed out after ${Math.max(left, 0)} ms`) }), Math.max(left, 0));
    this.pending.set(id, { callback, timer, pattern, startedAt: performance.now(), rawJson });
    if (left <= 0) return () => this.forget(id); // the caller's own deadline has passed: the timer answers at once
    const withContext = this.headersFor(headers, context?.requestId ?? id);
    const fail = (err: unknown) => this.settle(id, { err: isWireError(err) ? err : unavailable(`${this.service ?? pattern} is unavailable`) });
    // Connected and known alive (the usual case): add the entry now, without a promise per check.
    if (this.cmd && this.service && this.liveness!.cached(this.service) === true) this.add(id, pattern, data, withContext, Date.now() + left).catch(fail);
    else this.request(id, pattern, data, withContext, Date.now() + left).catch(fail);
    return () => this.forget(id);
  }

  private boundedTimeout(pattern: string, timeoutMs: number): number {
    if (timeoutMs <= this.maxTimeoutMs) return timeoutMs;
    if (!this.clamped.has(pattern)) {
      this.clamped.add(pattern);
      this.logger.warn(`timeout ${timeoutMs} ms for ${pattern} lowered to ${this.maxTimeoutMs} ms: it must stay below the reclaim idle time`);
    }
    return this.maxTimeoutMs;
  }

  private async request(id: string, pattern: string, data: unknown, headers: MessageHeaders, deadline: number): Promise<void> {
    await this.connect();
    if (!this.service) throw unavailable(`no target service configured for ${pattern}`);
    if (!(await this.liveness!.isAlive(this.service))) throw unavailable(`${this.service} is unavailable`);
    if (!this.pending.has(id)) return; // timed out or unsubscribed meanwhile
    await this.add(id, pattern, data, headers, deadline);
  }

  /**
   * Queues a request; requests added in the same tick leave together in one stream entry (one
   * XADD, one seal). Resolves once the entry is written.
   */
  private add(id: string, pattern: string, data: unknown, headers: MessageHeaders, deadline: number): Promise<void> {
    this.outgoing ??= { messages: [], written: afterNextTurn().then(() => this.flush()) };
    this.outgoing.messages.push({ id, pattern, data, headers, deadline, replyTo: this.clientId, readsBinary: true });
    return this.outgoing.written;
  }

  private async flush(): Promise<void> {
    const { messages } = this.outgoing!;
    this.outgoing = undefined;
    const live = messages.filter((m) => this.pending.has(m.id)); // not timed out or unsubscribed meanwhile
    const writes: Promise<void>[] = [];
    for (let i = 0; i < live.length; i += MAX_PER_ENTRY) writes.push(this.write(live.slice(i, i + MAX_PER_ENTRY)));
    await Promise.all(writes);
  }

  private async write(messages: StreamMessage[]): Promise<void> {
    try {
      const fields = encodeMessages(`${this.clientId}:${++this.entryCount}`, messages, this.sealer);
      // Entries older than twice the reclaim idle time have expired: trim them as we add.
      const entryId = await this.cmd!.xadd(this.keys.requests(this.service!), 'MINID', '~', Date.now() - this.trimAgeMs, '*', ...fields);
      for (const m of messages) {
        const entry = this.pending.get(m.id);
        if (entry && entryId) entry.entryId = entryId;
      }
    } catch (err) {
      for (const m of messages) this.settle(m.id, { err: isWireError(err) ? err : unavailable(`${this.service} is unavailable`) });
    }
  }

  /** Writes the event once into each subscriber's stream (also for subscribers that are down right now). */
  protected async dispatchEvent<T = unknown>(packet: ReadPacket): Promise<T> {
    await this.connect();
    const { data, headers } = unpackRecord(packet.data);
    const pattern = this.normalizePattern(packet.pattern);
    const services = await this.subscribersOf(pattern);
    if (services.length === 0) return undefined as T;
    const id = randomUUID();
    const context = requestContext.current();
    const meta = { id, pattern, headers: this.headersFor(headers, context?.requestId ?? id) };
    const fields = encodeEntry(id, [meta], sealData(id, [data ?? null], this.sealer));
    const ids = await Promise.all(services.map((service) => this.cmd!.xadd(this.keys.events(service, pattern), '*', ...fields)));
    return ids as T;
  }

  /** The services declared in EVENT_SUBSCRIBERS plus those that declared themselves in Redis recently (cached briefly). */
  private subscribersOf(pattern: string): Promise<string[]> {
    const cached = this.subscriberCache.get(pattern);
    if (cached && Date.now() - cached.at < DEFAULTS.subscribersCacheMs) return cached.services;
    const declared = EVENT_SUBSCRIBERS[pattern as EventName] ?? [];
    const services = this.cmd!.zrangebyscore(this.keys.subscribers(pattern), Date.now() - DEFAULTS.subscriberWindowMs, '+inf')
      .then((live) => [...new Set([...declared, ...live])]);
    services.catch(() => this.subscriberCache.delete(pattern));
    this.subscriberCache.set(pattern, { at: Date.now(), services });
    return services;
  }

  /** What travels with a message: the caller's headers, a request id (the one given, else `fallbackId`) and who calls. */
  private headersFor(headers: MessageHeaders, fallbackId: string): MessageHeaders {
    return { ...headers, [Header.RequestId]: headers[Header.RequestId] ?? fallbackId, [Header.Caller]: this.caller };
  }

  private onReply(payload: Buffer): void {
    let packets: ReplyPacket[];
    try {
      packets = isBinaryFrame(payload) ? decodeBinaryReplies(payload, this.sealer) : decodeReplies(payload.toString(), this.sealer);
    } catch (err) {
      this.logger.error(`dropping a reply that does not open: ${(err as Error).message}`);
      return;
    }
    for (const packet of packets) this.settle(packet.id, packet);
  }

  /** Delivers a packet; the request is finished on an error or the final packet. */
  private settle(id: string, packet: Omit<ReplyPacket, 'id'>): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    const final = packet.err !== undefined || packet.isDisposed;
    if (final) {
      this.forget(id);
      this.onHandled?.(entry.pattern, performance.now() - entry.startedAt, packet.err === undefined, packet.err?.kind);
    }
    if (packet.err !== undefined) return entry.callback({ err: asWireError(packet.err) });
    let response = packet.response;
    if (isRawJson(response) && !entry.rawJson) {
      try {
        response = response.parse();
      } catch {
        return entry.callback({ err: asWireError(undefined) }); // the handler's bytes were not JSON
      }
    }
    entry.callback({ response, isDisposed: packet.isDisposed });
  }

  private failHeldBy(entryIds: ReadonlySet<string>, replica: string): void {
    for (const [id, entry] of [...this.pending]) {
      if (entry.entryId && entryIds.has(entry.entryId)) {
        this.settle(id, { err: unavailable(`the ${this.service} replica handling ${entry.pattern} stopped (${replica})`, 'transport.replica_lost') });
      }
    }
  }

  private failAll(err: ReturnType<typeof unavailable>): void {
    for (const id of [...this.pending.keys()]) this.settle(id, { err });
  }

  private forget(id: string): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(id);
  }

  async close(): Promise<void> {
    for (const [id, entry] of [...this.pending]) {
      this.forget(id);
      entry.callback({ err: unavailable('client closed') });
    }
    this.watch?.stop();
    const conns = [this.cmd, this.sub];
    this.ready = undefined;
    this.cmd = this.sub = undefined;
    await Promise.all(conns.map((c) => closeRedis(c)));
    this._status$.next('disconnected');
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  /** ioredis reconnects by itself; errors go to `on('error')` listeners, else a throttled warning. */
  private lastErrorLog = 0;
  private onRedisError(err: Error): void {
    if (this.emitter.listenerCount('error') > 0) this.emitter.emit('error', err);
    else if (Date.now() - this.lastErrorLog > 5_000) {
      this.lastErrorLog = Date.now();
      this.logger.warn(`redis: ${err.message}`);
    }
  }

  override on(event: string, callback: (...args: unknown[]) => void): void {
    this.emitter.on(event, callback);
  }

  unwrap<T>(): T {
    if (!this.cmd) throw new Error('Not connected: call connect() first.');
    return this.cmd as T;
  }
}

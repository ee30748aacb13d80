import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy, ReadPacket, WritePacket } from '@nestjs/microservices';
import { Redis, RedisOptions } from 'ioredis';
import { Observable } from 'rxjs';
import { Header, type MessageHeaders } from '#libs/contracts';
import { isWireError } from '#libs/errors';
import { DEFAULTS, defaultInstanceId } from './defaults.js';
import type { HandledHook } from './handled-hook.js';
import { LivenessCache } from './heartbeat.js';
import { TransportKeys } from './keys.js';
import { StreamRecord } from './stream-record.js';
import { type ReplyPacket, asWireError, encodeMessage, timedOut, unavailable } from './wire-format.js';

export interface RedisStreamsClientOptions {
  url: string;
  /** Target service of send(); emit() needs none. */
  service?: string;
  /** Own service name, sent in the x-caller header. */
  caller: string;
  timeoutMs?: number;
  prefix?: string;
  /** MAXLEN ~ applied when adding to a stream. */
  maxLen?: number;
  redisOptions?: RedisOptions;
  /** Observability hook: called when a request settles (reply, error, timeout). */
  onHandled?: HandledHook;
}

interface Pending { callback: (packet: WritePacket) => void; timer: NodeJS.Timeout; pattern: string; startedAt: number }

/** Splits send()/emit() data into payload, headers and options. */
export function unpackRecord(data: unknown): { data: unknown; headers: MessageHeaders; timeoutMs?: number } {
  if (data instanceof StreamRecord) return { data: data.data, headers: { ...data.headers }, timeoutMs: data.options.timeoutMs };
  return { data, headers: {} };
}

/**
 * ClientProxy of the Redis Streams transport. Requests go to `rq:<service>`, replies come back
 * on this instance's own pub/sub channel; errors are WireError objects.
 */
export class RedisStreamsClient extends ClientProxy implements OnApplicationShutdown {
  readonly service?: string;
  readonly caller: string;
  /** Reply channel id of this client instance. */
  readonly clientId: string;
  private readonly keys: TransportKeys;
  private readonly timeoutMs: number;
  private readonly maxLen: number;
  private cmd?: Redis;
  private sub?: Redis;
  private ready?: Promise<void>;
  private liveness?: LivenessCache;
  private readonly pending = new Map<string, Pending>();
  private readonly emitter = new EventEmitter();
  private readonly logger = new Logger('RedisStreamsClient');
  /** Observability hook (see RedisStreamsClientOptions.onHandled); may be set after construction. */
  onHandled?: HandledHook;

  constructor(private readonly options: RedisStreamsClientOptions) {
    super();
    this.service = options.service;
    this.caller = options.caller;
    this.clientId = `${options.caller}:${defaultInstanceId()}`;
    this.keys = new TransportKeys(options.prefix);
    this.timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
    this.maxLen = options.maxLen ?? DEFAULTS.maxLen;
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
    // Concurrent sends issued in one tick share one socket write (XADDs, liveness reads).
    this.cmd = new Redis(this.options.url, { enableAutoPipelining: true, ...redisOptions });
    this.sub = new Redis(this.options.url, redisOptions);
    for (const conn of [this.cmd, this.sub]) {
      conn.on('error', (err) => this.onRedisError(err));
      conn.on('ready', () => this._status$.next('connected'));
      conn.on('reconnecting', () => this._status$.next('reconnecting'));
    }
    this.sub.on('message', (_channel: string, payload: string) => this.onReply(payload));
    this.liveness = new LivenessCache(this.cmd, (s) => this.keys.alive(s), DEFAULTS.livenessCacheMs, DEFAULTS.aliveWindowMs);
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
    const { data, headers, timeoutMs = this.timeoutMs } = unpackRecord(packet.data);
    const pattern = this.normalizePattern(packet.pattern);
    const id = randomUUID();
    const timer = setTimeout(() => this.settle(id, { err: timedOut(`${pattern} timed out after ${timeoutMs} ms`) }), timeoutMs);
    this.pending.set(id, { callback, timer, pattern, startedAt: performance.now() });
    this.request(id, pattern, data, headers, Date.now() + timeoutMs).catch((err) =>
      this.settle(id, { err: isWireError(err) ? err : unavailable(`${this.service ?? pattern} is unavailable`) }),
    );
    return () => this.forget(id);
  }

  private async request(id: string, pattern: string, data: unknown, headers: MessageHeaders, deadline: number): Promise<void> {
    await this.connect();
    if (!this.service) throw unavailable(`no target service configured for ${pattern}`);
    if (!(await this.liveness!.isAlive(this.service))) throw unavailable(`${this.service} is unavailable`);
    if (!this.pending.has(id)) return; // timed out or unsubscribed meanwhile
    const fields = encodeMessage({ id, pattern, data, headers: this.headersFor(id, headers), deadline, replyTo: this.clientId });
    await this.cmd!.xadd(this.keys.requests(this.service), 'MAXLEN', '~', this.maxLen, '*', ...fields);
  }

  protected async dispatchEvent<T = unknown>(packet: ReadPacket): Promise<T> {
    await this.connect();
    const { data, headers } = unpackRecord(packet.data);
    const pattern = this.normalizePattern(packet.pattern);
    const id = randomUUID();
    const fields = encodeMessage({ id, pattern, data, headers: this.headersFor(id, headers) });
    return (await this.cmd!.xadd(this.keys.events(pattern), 'MAXLEN', '~', this.maxLen, '*', ...fields)) as T;
  }

  private headersFor(id: string, headers: MessageHeaders): MessageHeaders {
    return { ...headers, [Header.Caller]: this.caller, [Header.RequestId]: headers[Header.RequestId] ?? id };
  }

  private onReply(payload: string): void {
    let packet: ReplyPacket;
    try {
      packet = JSON.parse(payload) as ReplyPacket;
    } catch {
      return;
    }
    this.settle(packet.id, packet);
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
    entry.callback(packet.err !== undefined ? { err: asWireError(packet.err) } : { response: packet.response, isDisposed: packet.isDisposed });
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
    const conns = [this.cmd, this.sub];
    this.ready = undefined;
    this.cmd = this.sub = undefined;
    await Promise.all(conns.map((c) => c?.quit().catch(() => c.disconnect())));
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

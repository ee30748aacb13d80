import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server, WritePacket } from '@nestjs/microservices';
import { Redis, RedisOptions } from 'ioredis';
import { lastValueFrom } from 'rxjs';
import { Header } from '#libs/contracts';
import { AckBatcher } from './ack-batcher.js';
import { DeadLetters } from './dead-letter.js';
import type { HandledHook } from './handled-hook.js';
import { DEFAULTS, defaultInstanceId } from './defaults.js';
import { Heartbeat } from './heartbeat.js';
import { TransportKeys } from './keys.js';
import { Reclaimer } from './reclaimer.js';
import { StreamContext } from './stream-context.js';
import { REDIS_STREAMS_TRANSPORT } from './transport-id.js';
import { type ReplyPacket, type StreamMessage, asWireError, decodeMessage, timedOut, unavailable } from './wire-format.js';

export interface RedisStreamsServerOptions {
  url: string;
  /** Service name: consumer group on every stream this server reads. */
  service: string;
  /** Consumer name; default hostname-pid-random. */
  replicaId?: string;
  /** Key prefix (isolates deployments / test files on one Redis). */
  prefix?: string;
  concurrency?: number;
  blockMs?: number;
  /** Pending entries idle this long are reclaimed (crashed replica, failed event handler). */
  minIdleMs?: number;
  maxDeliveries?: number;
  /** MAXLEN ~ of the dead-letter stream. */
  maxLen?: number;
  heartbeatMs?: number;
  closeTimeoutMs?: number;
  redisOptions?: RedisOptions;
  /** Observability hook: called when a handler finishes (metrics). */
  onHandled?: HandledHook;
}

type Entry = [entryId: string, fields: string[] | null];
type ReadReply = [stream: string, entries: Entry[]][] | null;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Nest custom transport over Redis Streams: requests on `rq:<service>`, events on
 * `ev:<pattern>`, one consumer group per service, one consumer per replica.
 */
export class RedisStreamsServer extends Server implements CustomTransportStrategy {
  override transportId = REDIS_STREAMS_TRANSPORT;
  /** We await event handlers ourselves: a failure leaves the entry pending for retry. */
  override readonly propagatesEventHandlerErrors = true;

  readonly service: string;
  readonly replicaId: string;
  private readonly keys: TransportKeys;
  private readonly opts: Required<Omit<RedisStreamsServerOptions, 'replicaId' | 'prefix' | 'redisOptions' | 'onHandled'>>;
  private reader?: Redis;
  private cmd?: Redis;
  private acks?: AckBatcher;
  private heartbeat?: Heartbeat;
  private reclaimer?: Reclaimer;
  private deadLetters?: DeadLetters;
  private streams: string[] = [];
  private readonly inFlight = new Map<string, { stream: string; entryId: string; startedAt: number; done: Promise<void> }>();
  private slotFreed?: () => void;
  private stopping = false;
  private loop?: Promise<void>;
  private readonly emitter = new EventEmitter();
  private debugEnabled = false;

  constructor(private readonly options: RedisStreamsServerOptions) {
    super();
    this.service = options.service;
    this.replicaId = options.replicaId ?? defaultInstanceId();
    this.keys = new TransportKeys(options.prefix);
    this.opts = {
      url: options.url,
      service: options.service,
      concurrency: options.concurrency ?? DEFAULTS.concurrency,
      blockMs: options.blockMs ?? DEFAULTS.blockMs,
      minIdleMs: options.minIdleMs ?? DEFAULTS.minIdleMs,
      maxDeliveries: options.maxDeliveries ?? DEFAULTS.maxDeliveries,
      maxLen: options.maxLen ?? DEFAULTS.maxLen,
      heartbeatMs: options.heartbeatMs ?? DEFAULTS.heartbeatMs,
      closeTimeoutMs: options.closeTimeoutMs ?? DEFAULTS.closeTimeoutMs,
    };
  }

  get requestStream(): string { return this.keys.requests(this.service); }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (err) {
      callback(err);
    }
  }

  private async start(): Promise<void> {
    this.debugEnabled = Logger.isLevelEnabled('debug');
    const redisOptions: RedisOptions = { maxRetriesPerRequest: null, ...this.options.redisOptions };
    // Replies and acks of handlers finishing in the same tick share one socket write.
    this.cmd = new Redis(this.opts.url, { enableAutoPipelining: true, ...redisOptions, connectionName: `${this.service}:${this.replicaId}` });
    this.reader = new Redis(this.opts.url, { ...redisOptions, connectionName: `${this.service}:${this.replicaId}:read` });
    for (const [name, conn] of [['cmd', this.cmd], ['reader', this.reader]] as const) {
      conn.on('error', (err) => this.onRedisError(err));
      conn.on('ready', () => { this._status$.next('connected'); this.emitter.emit('connected', name); });
      conn.on('reconnecting', () => this._status$.next('reconnecting'));
    }
    const eventPatterns = [...this.messageHandlers].filter(([, h]) => h.isEventHandler).map(([p]) => p);
    this.streams = [this.requestStream, ...eventPatterns.map((p) => this.keys.events(p))];
    this.acks = new AckBatcher(this.cmd, this.service);
    this.deadLetters = new DeadLetters(this.cmd, this.keys, this.service, this.opts.maxLen);
    await this.ensureGroups();
    this.reclaimer = new Reclaimer({
      redis: this.cmd, group: this.service, consumer: this.replicaId, streams: this.streams,
      minIdleMs: this.opts.minIdleMs, maxDeliveries: this.opts.maxDeliveries, deadLetters: this.deadLetters,
      inFlight: () => this.inFlight.values(),
      freeSlots: () => this.opts.concurrency - this.inFlight.size,
      dispatch: (stream, entryId, fields, deliveries) => this.dispatch(stream, entryId, fields, deliveries),
      onError: (err) => this.logger.warn?.(`reclaim failed: ${String(err)}`),
    });
    this.heartbeat = new Heartbeat(this.cmd, this.keys.alive(this.service), this.replicaId, this.opts.heartbeatMs, DEFAULTS.aliveWindowMs);
    await this.heartbeat.start();
    this.reclaimer.start();
    this.loop = this.readLoop();
  }

  /** Creates our group on each stream (requests from the start, events from now on). */
  private async ensureGroups(): Promise<void> {
    for (const stream of this.streams) {
      const from = stream === this.requestStream ? '0' : '$';
      await this.cmd!.xgroup('CREATE', stream, this.service, from, 'MKSTREAM').catch((err: Error) => {
        if (!String(err.message).includes('BUSYGROUP')) throw err;
      });
    }
  }

  private async readLoop(): Promise<void> {
    let backoff = 100;
    while (!this.stopping) {
      try {
        while (this.inFlight.size >= this.opts.concurrency && !this.stopping) {
          await new Promise<void>((resolve) => (this.slotFreed = resolve));
        }
        if (this.stopping) break;
        const count = this.opts.concurrency - this.inFlight.size;
        const reply = (await this.reader!.call(
          'XREADGROUP', 'GROUP', this.service, this.replicaId, 'COUNT', count, 'BLOCK', this.opts.blockMs,
          'STREAMS', ...this.streams, ...this.streams.map(() => '>'),
        )) as ReadReply;
        backoff = 100;
        for (const [stream, entries] of reply ?? []) {
          for (const [entryId, fields] of entries) {
            if (fields) this.dispatch(stream, entryId, fields, 1);
            else void this.acks!.ack(stream, entryId);
          }
        }
      } catch (err) {
        if (this.stopping) break;
        if (String((err as Error)?.message).includes('NOGROUP')) {
          // Stream or group vanished (Redis restarted without persistence, key deleted).
          await this.ensureGroups().catch(() => sleep(backoff));
          continue;
        }
        this.logger.warn?.(`read failed, retrying in ${backoff} ms: ${String(err)}`);
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  }

  /** Starts handling one entry; tracked in `inFlight` until acked or left pending. */
  private dispatch(stream: string, entryId: string, fields: string[], deliveries: number): void {
    const key = `${stream}|${entryId}`;
    if (this.inFlight.has(key)) return;
    let message: StreamMessage;
    try {
      message = decodeMessage(fields);
    } catch (err) {
      this.logger.error?.(`dropping malformed entry ${key}: ${String(err)}`);
      void this.acks!.ack(stream, entryId);
      return;
    }
    const ctx = new StreamContext([message.pattern, message.headers, stream, entryId, deliveries]);
    const work = stream === this.requestStream ? this.handleRequestEntry(message, ctx) : this.handleEventEntry(message, ctx);
    const done = work
      .catch((err) => this.logger.error?.({ msg: 'handling failed', entry: key, pattern: message.pattern, requestId: ctx.getRequestId(), err: String(err) }))
      .finally(() => {
        this.inFlight.delete(key);
        this.slotFreed?.();
        this.slotFreed = undefined;
      });
    this.inFlight.set(key, { stream, entryId, startedAt: Date.now(), done });
  }

  private async handleRequestEntry(message: StreamMessage, ctx: StreamContext): Promise<void> {
    const stream = ctx.getStream();
    const entryId = ctx.getEntryId();
    const reply = (packet: Omit<ReplyPacket, 'id'>) => this.reply(message, packet);
    const handler = this.getHandlerByPattern(message.pattern);
    if (message.deadline !== undefined && Date.now() > message.deadline) {
      // Never start an expired request: the caller has given up already.
      await reply({ err: timedOut(`${message.pattern} expired before a handler started`), isDisposed: true });
      this.afterHandled(message.pattern, ctx, performance.now(), 'timeout');
    } else if (!handler || handler.isEventHandler) {
      await reply({ err: unavailable(`${message.pattern} is not available yet`), isDisposed: true });
    } else {
      await this.runRequestHandler(handler, message, ctx);
    }
    await this.acks!.ack(stream, entryId);
  }

  /** Runs the handler and publishes its packets; bounded by the deadline (+1 s) so a stuck handler frees its slot. */
  private runRequestHandler(handler: MessageHandler, message: StreamMessage, ctx: StreamContext): Promise<void> {
    return new Promise<void>((resolve) => {
      const startedAt = performance.now();
      let failure: string | undefined;
      let finished = false;
      const finish = (kind = failure) => {
        if (finished) return;
        finished = true;
        clearTimeout(guard);
        this.afterHandled(message.pattern, ctx, startedAt, kind);
        resolve();
      };
      const limit = (message.deadline ?? Date.now() + DEFAULTS.timeoutMs) - Date.now() + 1_000;
      const guard = setTimeout(() => finish('timeout'), Math.max(limit, 1_000));
      const respond = async (packet: WritePacket) => {
        if (packet.err !== undefined) failure ??= asWireError(packet.err).kind;
        try {
          await this.reply(message, packet.err !== undefined ? { ...packet, err: asWireError(packet.err) } : packet);
        } finally {
          if (packet.isDisposed) finish();
        }
      };
      Promise.resolve()
        .then(() => handler(message.data, ctx))
        .then((result) => this.send(this.transformToObservable(result), respond))
        .catch((err) => {
          this.logger.error?.({ msg: 'handler threw outside Nest pipeline', pattern: message.pattern, requestId: ctx.getRequestId(), err: String(err) });
          void respond({ err: asWireError(err), isDisposed: true });
        });
    });
  }

  /** Metrics hook and, at debug level, one line per handled message (joins logs by request id). */
  private afterHandled(pattern: string, ctx: StreamContext, startedAt: number, errorKind?: string): void {
    const ms = performance.now() - startedAt;
    this.options.onHandled?.(pattern, ms, errorKind === undefined, errorKind);
    if (this.debugEnabled) {
      this.logger.debug?.({ msg: 'handled', pattern, requestId: ctx.getRequestId(), ms: Math.round(ms * 10) / 10, ...(errorKind ? { error: errorKind } : {}) });
    }
  }

  private async reply(message: StreamMessage, packet: Omit<ReplyPacket, 'id'>): Promise<void> {
    if (!message.replyTo) return;
    let payload: string;
    try {
      payload = JSON.stringify({ ...packet, id: message.id });
    } catch (err) {
      this.logger.error?.({ msg: 'reply not serializable', pattern: message.pattern, requestId: message.headers[Header.RequestId], err: String(err) });
      payload = JSON.stringify({ id: message.id, err: asWireError(err), isDisposed: packet.isDisposed ?? true });
    }
    await this.cmd!.publish(this.keys.replies(message.replyTo), payload);
  }

  /** Acks on success; on failure records the error and leaves the entry pending for a retry. */
  private async handleEventEntry(message: StreamMessage, ctx: StreamContext): Promise<void> {
    const stream = ctx.getStream();
    const entryId = ctx.getEntryId();
    const handler = this.getHandlerByPattern(message.pattern);
    if (!handler) {
      this.logger.warn?.(`no event handler for ${message.pattern} on ${stream}; acking`);
      await this.acks!.ack(stream, entryId);
      return;
    }
    const startedAt = performance.now();
    try {
      await lastValueFrom(this.transformToObservable(handler(message.data, ctx)), { defaultValue: undefined });
    } catch (err) {
      const real = ctx.handlerError ?? err;
      const text = real instanceof Error ? `${real.name}: ${real.message}` : JSON.stringify(real);
      this.afterHandled(message.pattern, ctx, startedAt, asWireError(real).kind);
      this.logger.warn?.({ msg: 'event handler failed', pattern: message.pattern, requestId: ctx.getRequestId(), entryId, deliveries: ctx.getDeliveries(), err: text });
      await this.deadLetters!.recordFailure(stream, entryId, text).catch(() => undefined);
      return;
    }
    this.afterHandled(message.pattern, ctx, startedAt);
    await this.acks!.ack(stream, entryId);
    if (ctx.getDeliveries() > 1) await this.deadLetters!.forget(stream, entryId).catch(() => undefined);
  }

  /** Stops reading, waits (bounded) for running handlers, acks, leaves the alive set, disconnects. */
  async close(): Promise<void> {
    if (this.stopping || !this.cmd) return;
    this.stopping = true;
    this.slotFreed?.();
    this.reclaimer?.stop();
    await this.heartbeat?.stop();
    this.reader?.disconnect();
    const running = [...this.inFlight.values()].map((f) => f.done);
    await Promise.race([Promise.all(running), sleep(this.opts.closeTimeoutMs)]);
    await this.loop?.catch(() => undefined);
    await this.acks?.flush();
    await this.cmd.quit().catch(() => this.cmd?.disconnect());
    this._status$.next('disconnected');
  }

  /** ioredis reconnects by itself; errors go to `on('error')` listeners, else a throttled warning. */
  private lastErrorLog = 0;
  private onRedisError(err: Error): void {
    if (this.emitter.listenerCount('error') > 0) this.emitter.emit('error', err);
    else if (Date.now() - this.lastErrorLog > 5_000) {
      this.lastErrorLog = Date.now();
      this.logger.warn?.(`redis: ${err.message}`);
    }
  }

  /** Events: `error` (Redis error), `connected` (a connection is ready). */
  on<EventKey extends string = string, EventCallback extends Function = Function>(event: EventKey, callback: EventCallback): void {
    this.emitter.on(event, callback as unknown as (...args: unknown[]) => void);
  }

  /** The command connection (not the blocking reader). */
  unwrap<T>(): T {
    if (!this.cmd) throw new Error('Not initialized: call listen() first.');
    return this.cmd as T;
  }
}

import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server, WritePacket } from '@nestjs/microservices';
import type { RedisOptions } from 'ioredis';
import { isObservable, lastValueFrom } from 'rxjs';
import { Header } from '#libs/contracts';
import type { WireError } from '#libs/errors';
import { closeRedis, createRedis, type RedisClient } from '#libs/redis';
import { AckBatcher } from './ack-batcher.js';
import { BacklogMonitor } from './backlog-monitor.js';
import { DeadLetters } from './dead-letter.js';
import type { HandledHook } from './handled-hook.js';
import { DEFAULTS, defaultInstanceId } from './defaults.js';
import { Heartbeat } from './heartbeat.js';
import { TransportKeys } from './keys.js';
import { Reclaimer } from './reclaimer.js';
import { requestContext } from './request-context.js';
import { wantsBinaryFrame } from './binary-replies.js';
import { publishBinaryReplies } from './sealed-publish.js';
import { Sealer } from './sealer.js';
import { StreamContext } from './stream-context.js';
import { afterNextTurn } from './turns.js';
import { REDIS_STREAMS_TRANSPORT } from './transport-id.js';
import {
  type EntryMeta, type RawEntry, type ReplyPacket, asWireError, decodeEntry, encodePlainError, encodeReplies, openData, timedOut, unavailable,
} from './wire-format.js';

export interface RedisStreamsServerOptions {
  url: string;
  /** Seed nodes of a Redis Cluster (host:port); when given, `url` only supplies auth and TLS. */
  clusterNodes?: readonly string[];
  /** Service name: consumer group on every stream this server reads. */
  service: string;
  /** Consumer name; default hostname-pid-random. */
  replicaId?: string;
  /** Key prefix (isolates deployments / test files on one Redis). */
  prefix?: string;
  /** Opens request and event bodies, seals replies; default: the development key. */
  sealer?: Sealer;
  concurrency?: number;
  blockMs?: number;
  /** Pending entries idle this long are reclaimed (crashed replica, failed event handler). */
  minIdleMs?: number;
  maxDeliveries?: number;
  /** MAXLEN ~ of the dead-letter stream. */
  maxLen?: number;
  heartbeatMs?: number;
  closeTimeoutMs?: number;
  /** A stream with more entries waiting than this is reported in a warning log. */
  backlogWarn?: number;
  redisOptions?: RedisOptions;
  /** Observability hook: called when a handler finishes (metrics). */
  onHandled?: HandledHook;
}

type ReadReply = [stream: string, entries: [string, string[] | null][]][] | null;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Nest custom transport over Redis Streams: requests on `rq:{service}`, each event on this
 * service's own copy `ev:{service}:<pattern>`, one consumer group per service, one consumer per
 * replica. Entries are acknowledged and deleted once handled; a request runs at most once.
 */
export class RedisStreamsServer extends Server implements CustomTransportStrategy {
  override transportId = REDIS_STREAMS_TRANSPORT;
  /** We await event handlers ourselves: a failure leaves the entry pending for retry. */
  override readonly propagatesEventHandlerErrors = true;

  readonly service: string;
  readonly replicaId: string;
  private readonly keys: TransportKeys;
  private readonly sealer: Sealer;
  private readonly opts: Required<Pick<RedisStreamsServerOptions,
    'concurrency' | 'blockMs' | 'minIdleMs' | 'maxDeliveries' | 'maxLen' | 'heartbeatMs' | 'closeTimeoutMs' | 'backlogWarn'>>;
  private reader?: RedisClient;
  private cmd?: RedisClient;
  private acks?: AckBatcher;
  private heartbeat?: Heartbeat;
  private reclaimer?: Reclaimer;
  private backlog?: BacklogMonitor;
  private deadLetters?: DeadLetters;
  private streams: string[] = [];
  private eventPatterns: string[] = [];
  private readonly inFlight = new Map<string, { stream: string; entryId: string; startedAt: number; done: Promise<void> }>();
  /** Messages being handled (an entry may hold several): what the concurrency bound counts. */
  private messagesInFlight = 0;
  private readonly replyQueues = new Map<string, { packets: ReplyPacket[]; metas: EntryMeta[]; sent: Promise<void> }>();
  private replyCount = 0;
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
    this.sealer = options.sealer ?? Sealer.fromSpec(undefined);
    this.opts = {
      concurrency: options.concurrency ?? DEFAULTS.concurrency,
      blockMs: options.blockMs ?? DEFAULTS.blockMs,
      minIdleMs: options.minIdleMs ?? DEFAULTS.minIdleMs,
      maxDeliveries: options.maxDeliveries ?? DEFAULTS.maxDeliveries,
      maxLen: options.maxLen ?? DEFAULTS.deadLetterMaxLen,
      heartbeatMs: options.heartbeatMs ?? DEFAULTS.heartbeatMs,
      closeTimeoutMs: options.closeTimeoutMs ?? DEFAULTS.closeTimeoutMs,
      backlogWarn: options.backlogWarn ?? DEFAULTS.backlogWarn,
    };
  }

  get requestStream(): string { return this.keys.requests(this.service); }

  private readonly handlerCache = new Map<string, MessageHandler | null>();

  /** Nest parses every pattern string on each lookup; ours are plain strings, resolved once. */
  override getHandlerByPattern(pattern: string): MessageHandler | null {
    let handler = this.handlerCache.get(pattern);
    if (handler === undefined) {
      handler = super.getHandlerByPattern(pattern);
      if (this.handlerCache.size < 10_000) this.handlerCache.set(pattern, handler);
    }
    return handler;
  }

  /** Every stream this replica reads: its requests and its copy of each event it subscribes to. */
  get readStreams(): readonly string[] { return this.streams; }

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
    const target = { url: this.options.url, clusterNodes: this.options.clusterNodes };
    // Replies and acks of handlers finishing in the same tick share one socket write.
    this.cmd = createRedis(target, { enableAutoPipelining: true, ...redisOptions, connectionName: `${this.service}:${this.replicaId}` });
    this.reader = createRedis(target, { ...redisOptions, connectionName: `${this.service}:${this.replicaId}:read` });
    for (const [name, conn] of [['cmd', this.cmd], ['reader', this.reader]] as const) {
      conn.on('error', (err: Error) => this.onRedisError(err));
      conn.on('ready', () => { this._status$.next('connected'); this.emitter.emit('connected', name); });
      conn.on('reconnecting', () => this._status$.next('reconnecting'));
    }
    this.eventPatterns = [...this.messageHandlers].filter(([, h]) => h.isEventHandler).map(([p]) => p);
    this.streams = [this.requestStream, ...this.eventPatterns.map((p) => this.keys.events(this.service, p))];
    this.acks = new AckBatcher(this.cmd, this.service);
    this.deadLetters = new DeadLetters(this.cmd, this.keys, this.service, this.opts.maxLen);
    await this.ensureGroups();
    await this.declareSubscriptions();
    this.reclaimer = new Reclaimer({
      redis: this.cmd, group: this.service, consumer: this.replicaId, streams: this.streams,
      minIdleMs: this.opts.minIdleMs, maxDeliveries: this.opts.maxDeliveries, deadLetters: this.deadLetters,
      inFlight: () => this.inFlight.values(),
      freeSlots: () => this.opts.concurrency - this.messagesInFlight,
      dispatch: (stream, entryId, fields, deliveries) => this.dispatch(stream, entryId, fields, deliveries),
      onError: (err) => this.logger.warn?.(`reclaim failed: ${String(err)}`),
    });
    this.backlog = new BacklogMonitor(this.cmd, this.streams, this.opts.backlogWarn, (msg) => this.logger.warn?.(msg),
      () => this.declareSubscriptions());
    this.heartbeat = new Heartbeat(this.cmd, this.keys.alive(this.service), this.replicaId, this.opts.heartbeatMs, DEFAULTS.aliveWindowMs);
    await this.heartbeat.start();
    this.reclaimer.start();
    this.backlog.start();
    this.loop = this.readLoop();
  }

  /** Creates our group on each stream from its start: every entry of our streams is ours to handle. */
  private async ensureGroups(): Promise<void> {
    for (const stream of this.streams) {
      await this.cmd!.xgroup('CREATE', stream, this.service, '0', 'MKSTREAM').catch((err: Error) => {
        if (!String(err.message).includes('BUSYGROUP')) throw err;
      });
    }
  }

  /** Tells emitters to write a copy of each of our events for us, from now on also while we are down. */
  private async declareSubscriptions(): Promise<void> {
    const now = Date.now();
    await Promise.all(this.eventPatterns.map((p) => this.cmd!.zadd(this.keys.subscribers(p), now, this.service)));
  }

  private async readLoop(): Promise<void> {
    let backoff = 100;
    while (!this.stopping) {
      try {
        while (this.messagesInFlight >= this.opts.concurrency && !this.stopping) {
          await new Promise<void>((resolve) => (this.slotFreed = resolve));
        }
        if (this.stopping) break;
        const count = this.opts.concurrency - this.messagesInFlight;
        const reply = (await this.reader!.call(
          'XREADGROUP', 'GROUP', this.service, this.replicaId, 'COUNT', count, 'BLOCK', this.opts.blockMs,
          'STREAMS', ...this.streams, ...this.streams.map(() => '>'),
        )) as ReadReply;
        backoff = 100;
        for (const [stream, entries] of reply ?? []) {
          for (const [id, fields] of entries) {
            if (fields) this.dispatch(stream, id, fields, 1);
            else void this.acks!.ack(stream, id);
          }
        }
      } catch (err) {
        if (this.stopping) break;
        if (String((err as Error)?.message).includes('NOGROUP')) {
          // Stream or group vanished (Redis restarted without persistence, key deleted).
          await this.ensureGroups().then(() => this.declareSubscriptions()).catch(() => sleep(backoff));
          continue;
        }
        this.logger.warn?.(`read failed, retrying in ${backoff} ms: ${String(err)}`);
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  }

  /** Starts handling one entry (one or more messages); tracked in `inFlight` until acked or left pending. */
  private dispatch(stream: string, entryId: string, fields: string[], deliveries: number): void {
    const key = `${stream}|${entryId}`;
    if (this.inFlight.has(key)) return;
    let entry: RawEntry;
    try {
      entry = decodeEntry(fields);
    } catch (err) {
      this.logger.error?.(`dropping malformed entry ${key}: ${String(err)}`);
      void this.deadLetters!.bury(stream, this.service, entryId, [], deliveries, `malformed entry: ${String(err)}`).catch(() => undefined);
      return;
    }
    const count = entry.messages.length;
    this.messagesInFlight += count;
    const done = this.handleEntry(entry, stream, entryId, deliveries)
      .catch((err) => this.logger.error?.({ msg: 'handling failed', entry: key, patterns: entry.messages.map((m) => m.pattern), err: String(err) }))
      .finally(() => {
        this.messagesInFlight -= count;
        this.inFlight.delete(key);
        this.slotFreed?.();
        this.slotFreed = undefined;
      });
    this.inFlight.set(key, { stream, entryId, startedAt: Date.now(), done });
  }

  /** Opens the entry once, runs its messages (each in its own request context), then acknowledges it. */
  private async handleEntry(entry: RawEntry, stream: string, entryId: string, deliveries: number): Promise<void> {
    let data: unknown[];
    try {
      data = openData(entry, this.sealer);
    } catch (err) {
      await this.refuse(entry, stream, entryId, deliveries, err);
      return;
    }
    const run = (meta: EntryMeta, i: number, work: (ctx: StreamContext) => Promise<void>) => {
      const ctx = new StreamContext([meta.pattern, meta.headers, stream, entryId, deliveries]);
      return requestContext.run({ requestId: ctx.getRequestId(), deadline: meta.deadline }, () => work(ctx));
    };
    if (stream !== this.requestStream) {
      // An event entry holds one event; it acknowledges itself (or stays pending for a retry).
      await run(entry.messages[0], 0, (ctx) => this.runEvent(entry.messages[0], data[0], ctx));
      return;
    }
    await Promise.all(entry.messages.map((meta, i) => run(meta, i, (ctx) => this.runRequest(meta, data[i], ctx))));
    await this.acks!.ack(stream, entryId);
  }

  /** An entry whose body does not open is refused once: dead-lettered (without the body), its callers told. */
  private async refuse(entry: RawEntry, stream: string, entryId: string, deliveries: number, err: unknown): Promise<void> {
    const reason = `body could not be opened: ${(err as Error).message}`;
    const patterns = entry.messages.map((m) => m.pattern);
    this.logger.error?.({ msg: 'refused a stream entry', stream, entryId, patterns, requestIds: entry.messages.map((m) => m.headers[Header.RequestId]), reason });
    await this.deadLetters!.bury(stream, this.service, entryId, entry.messages, deliveries, reason);
    const answer = unavailable(`${this.service} could not open the request`, 'transport.unreadable');
    await Promise.all(entry.messages.filter((m) => m.replyTo).map((m) =>
      this.cmd!.publish(this.keys.replies(m.replyTo!), encodePlainError(m.id, answer))));
  }

  private runRequest(meta: EntryMeta, data: unknown, ctx: StreamContext): Promise<void> {
    const handler = this.getHandlerByPattern(meta.pattern);
    const expired = meta.deadline !== undefined && Date.now() > meta.deadline;
    if (ctx.getDeliveries() > 1) return this.answerUnrun(meta, ctx, expired ? 'reclaimedExpired' : 'reclaimed');
    if (expired) return this.answerUnrun(meta, ctx, 'expired');
    if (!handler || handler.isEventHandler) return this.answerUnrun(meta, ctx, 'unknownPattern');
    return this.runRequestHandler(handler, meta, data, ctx);
  }

  /** A request that must not run: reclaimed (it may have run), expired, or with no handler here. */
  private async answerUnrun(meta: EntryMeta, ctx: StreamContext, why: UnrunReason): Promise<void> {
    const pattern = meta.pattern;
    const answers: Record<UnrunReason, [WireError | undefined, string | undefined]> = {
      // Reclaimed from a replica that stopped: it may have run already, so it never runs again.
      reclaimed: [unavailable(`the ${this.service} replica handling ${pattern} stopped`, 'transport.replica_lost'), 'unavailable'],
      reclaimedExpired: [undefined, 'unavailable'],
      // Never start an expired request: the caller has given up already.
      expired: [timedOut(`${pattern} expired before a handler started`), 'timeout'],
      unknownPattern: [unavailable(`${this.service} has no handler for pattern "${pattern}"`, 'transport.unknown_pattern'), undefined],
    };
    const [err, metricKind] = answers[why];
    if (err) await this.reply(meta, { err, isDisposed: true });
    if (metricKind) this.afterHandled(pattern, ctx, performance.now(), metricKind);
  }

  /** Runs the handler and publishes its packets; bounded by the deadline (+1 s) so a stuck handler frees its slot. */
  private runRequestHandler(handler: MessageHandler, meta: EntryMeta, data: unknown, ctx: StreamContext): Promise<void> {
    return new Promise<void>((resolve) => {
      const startedAt = performance.now();
      let failure: string | undefined;
      let finished = false;
      const finish = (kind = failure) => {
        if (finished) return;
        finished = true;
        clearTimeout(guard);
        this.afterHandled(meta.pattern, ctx, startedAt, kind);
        resolve();
      };
      const guard = guardTimer(meta.deadline, () => finish('timeout'));
      // Callbacks rather than an async chain: every promise made here runs the request context's
      // async hook, and this is each request's path.
      const respond = (packet: WritePacket): Promise<void> => {
        if (packet.err !== undefined) failure ??= asWireError(packet.err).kind;
        const sent = this.reply(meta, packet.err !== undefined ? { ...packet, err: asWireError(packet.err) } : packet);
        if (packet.isDisposed) sent.then(() => finish(), () => finish());
        return sent;
      };
      const fail = (err: unknown) => {
        this.logger.error?.({ msg: 'handler threw outside Nest pipeline', pattern: meta.pattern, requestId: ctx.getRequestId(), err: String(err) });
        void respond({ err: asWireError(err), isDisposed: true });
      };
      // A plain answer (the usual case) is replied at once; streams go through Nest's send().
      const answer = (value: unknown) => {
        if (isObservable(value)) this.send(value, respond);
        else void respond({ response: value, isDisposed: true });
      };
      callHandler(handler, data, ctx, answer, fail);
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

  /** Queues a reply; replies to one client ready in the same tick are sealed and published together. */
  private reply(meta: EntryMeta, packet: Omit<ReplyPacket, 'id'>): Promise<void> {
    if (!meta.replyTo) return Promise.resolve();
    let queue = this.replyQueues.get(meta.replyTo);
    if (!queue) {
      const replyTo = meta.replyTo;
      queue = { packets: [], metas: [], sent: afterNextTurn().then(() => this.flushReplies(replyTo)) };
      this.replyQueues.set(replyTo, queue);
    }
    queue.packets.push({ ...packet, id: meta.id });
    queue.metas.push(meta);
    return queue.sent;
  }

  private async flushReplies(replyTo: string): Promise<void> {
    const queue = this.replyQueues.get(replyTo)!;
    this.replyQueues.delete(replyTo);
    const key = `${this.replicaId}:${++this.replyCount}`;
    const channel = this.keys.replies(replyTo);
    // Already encoded answers (RawJson) travel in a binary frame to clients that read one (all metas of a queue come from one client).
    const binary = wantsBinaryFrame(queue.packets, queue.metas.every((m) => m.readsBinary));
    const publish = (packets: ReplyPacket[]) => binary
      ? publishBinaryReplies(this.cmd!, channel, key, packets, this.sealer)
      : this.cmd!.publish(channel, encodeReplies(key, packets, this.sealer));
    let sent: Promise<unknown>;
    try {
      sent = publish(queue.packets);
    } catch {
      sent = publish(queue.packets.map((packet, i) => this.serializable(packet, queue.metas[i])));
    }
    await sent;
  }

  /** A packet that cannot be serialised (a bigint, a cycle) becomes an internal error for its caller only. */
  private serializable(packet: ReplyPacket, meta: EntryMeta): ReplyPacket {
    try {
      JSON.stringify(packet);
      return packet;
    } catch (err) {
      this.logger.error?.({ msg: 'reply not serializable', pattern: meta.pattern, requestId: meta.headers[Header.RequestId], err: String(err) });
      return { id: packet.id, err: asWireError(err), isDisposed: packet.isDisposed ?? true };
    }
  }

  /** Acks on success; on failure records the error and leaves the entry pending for a retry. */
  private async runEvent(meta: EntryMeta, data: unknown, ctx: StreamContext): Promise<void> {
    const stream = ctx.getStream();
    const entryId = ctx.getEntryId();
    const handler = this.getHandlerByPattern(meta.pattern);
    if (!handler) {
      this.logger.warn?.(`no event handler for ${meta.pattern} on ${stream}; acking`);
      await this.acks!.ack(stream, entryId);
      return;
    }
    const startedAt = performance.now();
    try {
      await lastValueFrom(this.transformToObservable(handler(data, ctx)), { defaultValue: undefined });
    } catch (err) {
      const real = ctx.handlerError ?? err;
      const text = real instanceof Error ? `${real.name}: ${real.message}` : JSON.stringify(real);
      this.afterHandled(meta.pattern, ctx, startedAt, asWireError(real).kind);
      this.logger.warn?.({ msg: 'event handler failed', pattern: meta.pattern, requestId: ctx.getRequestId(), entryId, deliveries: ctx.getDeliveries(), err: text });
      await this.deadLetters!.recordFailure(stream, entryId, text).catch(() => undefined);
      return;
    }
    this.afterHandled(meta.pattern, ctx, startedAt);
    await this.acks!.ack(stream, entryId);
    if (ctx.getDeliveries() > 1) await this.deadLetters!.forget(stream, entryId).catch(() => undefined);
  }

  /**
   * Leaves the alive set, lets the read in progress return (what it delivers is handled: cutting it
   * off would leave entries pending that nobody runs), waits (bounded) for running handlers, acks,
   * disconnects.
   */
  async close(): Promise<void> {
    if (this.stopping || !this.cmd) return;
    this.stopping = true;
    this.slotFreed?.();
    this.reclaimer?.stop();
    this.backlog?.stop();
    // Neither the heartbeat's removal nor the acks wait long on a Redis that is away, and not at
    // all on one already lost: the alive entry expires by itself and unacknowledged entries are
    // reclaimed by a live replica; a read cannot deliver anything meanwhile.
    const redisWait = () => (this.cmd?.status === 'ready' ? DEFAULTS.closeRedisMs : 0);
    await Promise.race([this.heartbeat?.stop(), sleep(redisWait())]);
    if (this.reader?.status === 'ready') await Promise.race([this.loop?.catch(() => undefined), sleep(this.opts.blockMs + 1_000)]);
    this.reader?.disconnect();
    const running = [...this.inFlight.values()].map((f) => f.done);
    await Promise.race([Promise.all(running), sleep(this.opts.closeTimeoutMs)]);
    await Promise.race([this.acks?.flush(), sleep(redisWait())]);
    await closeRedis(this.cmd);
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

type UnrunReason = 'reclaimed' | 'reclaimedExpired' | 'expired' | 'unknownPattern';

/**
 * The guard that frees a stuck handler's slot, rounded up to 250 ms: Node keeps one timer list per
 * distinct duration, so exact limits would make and drop a list (and a heap entry) per request.
 */
function guardTimer(deadline: number | undefined, onTimeout: () => void): NodeJS.Timeout {
  const limit = (deadline ?? Date.now() + DEFAULTS.timeoutMs) - Date.now() + 1_000;
  return setTimeout(onTimeout, Math.ceil(Math.max(limit, 1_000) / 250) * 250);
}

/** Calls a handler; a synchronous throw, a rejection or a throwing `answer` goes to `fail`. */
function callHandler(handler: MessageHandler, data: unknown, ctx: StreamContext, answer: (value: unknown) => void, fail: (err: unknown) => void): void {
  const safeAnswer = (value: unknown) => {
    try {
      answer(value);
    } catch (err) {
      fail(err);
    }
  };
  let result: unknown;
  try {
    result = handler(data, ctx);
  } catch (err) {
    fail(err);
    return;
  }
  if (result instanceof Promise) result.then(safeAnswer, fail);
  else safeAnswer(result);
}

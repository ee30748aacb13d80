import type { MessageHeaders } from '#libs/contracts';
import { ErrorKind, WireError, isWireError } from '#libs/errors';
import { SealError, type Sealer } from './sealer.js';

/** A request or event as stored in a stream entry. Events have no deadline/replyTo. */
export interface StreamMessage {
  id: string;
  pattern: string;
  data: unknown;
  headers: MessageHeaders;
  /** Epoch ms after which no handler may start (requests only). */
  deadline?: number;
  /** Client id whose reply channel gets the answer (requests only). */
  replyTo?: string;
  /** The client reads binary reply frames (binary-replies.ts): 5th meta item `1`; older servers ignore it. */
  readsBinary?: boolean;
}

/** The plain fields of an entry: enough to route, reply, log and dead-letter it without opening the body. */
export type EntryMeta = Omit<StreamMessage, 'data'>;

/** What a server publishes on the caller's reply channel (Nest's WritePacket + id). */
export interface ReplyPacket {
  id: string;
  response?: unknown;
  err?: WireError;
  isDisposed?: boolean;
}

/**
 * A stream entry carries one or more messages (requests added in the same tick to one service go
 * in one entry: one XADD, one seal, one read). Two fields: `m`, the plain meta
 * (`2|<key>|<replyTo>|<JSON [[id, pattern, deadline, headers(, 1 = reads binary replies)], …]>`: enough to route, reply, log and
 * dead-letter without opening anything) and `b`, the sealed JSON array of the messages' data
 * (base64; `key` is the additional data). ioredis handles strings faster than Buffers.
 */
export function encodeMessages(key: string, messages: readonly StreamMessage[], sealer: Sealer): string[] {
  return encodeEntry(key, messages, sealData(key, messages.map((m) => m.data ?? null), sealer));
}

/** Fields of an entry whose body is sealed already (an event written to several subscribers' streams is sealed once). */
export function encodeEntry(key: string, messages: readonly EntryMeta[], sealedBody: string): string[] {
  const replyTo = messages[0]?.replyTo ?? '';
  const metas = messages.map((m) => (m.readsBinary ? [m.id, m.pattern, m.deadline ?? null, m.headers, 1] : [m.id, m.pattern, m.deadline ?? null, m.headers]));
  return [META, `${VERSION}|${key}|${replyTo}|${JSON.stringify(metas)}`, BODY, sealedBody];
}

/** One message alone (events; tests). */
export function encodeMessage(m: StreamMessage, sealer: Sealer): string[] {
  return encodeMessages(m.id, [m], sealer);
}

export function sealData(key: string, data: unknown, sealer: Sealer): string {
  return sealer.seal(key, Buffer.from(JSON.stringify(data ?? null))).toString('base64');
}

/** A stream entry as read: the plain metas of its messages and the still sealed body. */
export interface RawEntry { key: string; messages: EntryMeta[]; body?: string }

/** Parses the field list of a stream entry; throws on a malformed entry. */
export function decodeEntry(fields: string[]): RawEntry {
  let metaText: string | undefined;
  let body: string | undefined;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] === META) metaText = fields[i + 1];
    else if (fields[i] === BODY) body = fields[i + 1];
  }
  const parts = metaText?.split('|', 3);
  if (!metaText || parts?.length !== 3 || parts[0] !== VERSION || !parts[1]) throw new Error('malformed stream entry: no meta');
  const [, key, replyTo] = parts;
  const list = JSON.parse(metaText.slice(parts[0].length + key.length + replyTo.length + 3)) as unknown;
  if (!Array.isArray(list) || list.length === 0) throw new Error('malformed stream entry: no messages');
  const messages = list.map((item) => {
    if (!Array.isArray(item) || typeof item[0] !== 'string' || typeof item[1] !== 'string' || !item[0] || !item[1]) throw new Error('malformed stream entry: bad message');
    const meta: EntryMeta = { id: item[0], pattern: item[1], headers: (item[3] ?? {}) as MessageHeaders };
    if (typeof item[2] === 'number') meta.deadline = item[2];
    if (replyTo) meta.replyTo = replyTo;
    if (item[4] === 1) meta.readsBinary = true;
    return meta;
  });
  return { key, messages, body };
}

/** Opens the data of an entry's messages; throws SealError when missing, tampered or sealed under an unknown key. */
export function openData(entry: RawEntry, sealer: Sealer): unknown[] {
  if (entry.body === undefined) throw new SealError('no sealed body');
  const data = JSON.parse(sealer.open(entry.key, Buffer.from(entry.body, 'base64')).toString()) as unknown;
  if (!Array.isArray(data) || data.length !== entry.messages.length) throw new SealError('sealed body does not match the entry');
  return data;
}

const META = 'm';
const BODY = 'b';
const VERSION = '2';

/**
 * Replies to one client that are ready in the same tick go in one sealed message (sign-in
 * answers carry tickets, API-key creation the new key): `1|<key>|<base64 of [packet, …]>`.
 */
export function encodeReplies(key: string, packets: readonly ReplyPacket[], sealer: Sealer): string {
  return `${SEALED}|${key}|${sealer.seal(key, Buffer.from(JSON.stringify(packets))).toString('base64')}`;
}

/**
 * An error the caller must read even when it holds none of our keys (its request did not open
 * here): sent in clear (`2|<id>|<json>`), and accepted only as an error, never as an answer.
 */
export function encodePlainError(id: string, err: WireError): string {
  return `${PLAIN_ERROR}|${id}|${JSON.stringify({ err })}`;
}

export function decodeReplies(payload: string, sealer: Sealer): ReplyPacket[] {
  const keyEnd = payload.indexOf('|', 2);
  if (payload[1] !== '|' || keyEnd < 0) throw new Error('malformed reply');
  const key = payload.slice(2, keyEnd);
  if (payload[0] === PLAIN_ERROR) {
    const { err } = JSON.parse(payload.slice(keyEnd + 1)) as { err: unknown };
    return [{ id: key, err: asWireError(err), isDisposed: true }];
  }
  const packets = JSON.parse(sealer.open(key, Buffer.from(payload.slice(keyEnd + 1), 'base64')).toString()) as unknown;
  if (!Array.isArray(packets)) throw new Error('malformed reply');
  return packets as ReplyPacket[];
}

const SEALED = '1';
const PLAIN_ERROR = '2';

/** Anything that is not already a WireError becomes a bare internal error (no stack leaks). */
export function asWireError(err: unknown): WireError {
  if (isWireError(err)) return err;
  return { kind: ErrorKind.Internal, message: 'Internal error' };
}

export function unavailable(message: string, code?: string): WireError {
  return code ? { kind: ErrorKind.Unavailable, message, code } : { kind: ErrorKind.Unavailable, message };
}

export function timedOut(message: string): WireError {
  return { kind: ErrorKind.Timeout, message };
}

import type { MessageHeaders } from '#libs/contracts';
import { ErrorKind, WireError, isWireError } from '#libs/errors';
import type { Sealer } from './sealer.js';

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
 * An entry has two fields: `m`, the plain meta (`1|id|pattern|deadline|replyTo|headers JSON`:
 * enough to route, reply, log and dead-letter it) and `b`, the sealed body (base64). Few fields
 * keep the XADD and the read cheap; ioredis handles strings faster than Buffers.
 */
export function encodeMessage(m: StreamMessage, sealer: Sealer): string[] {
  return encodeEntry(m, sealData(m.id, m.data, sealer));
}

/** Fields of an entry whose body is sealed already. */
export function encodeEntry(meta: EntryMeta, sealedBody: string): string[] {
  return [...encodeMeta(meta), BODY, sealedBody];
}

/** The sealed body alone: an event written to several subscribers' streams is sealed once. */
export function sealData(id: string, data: unknown, sealer: Sealer): string {
  return sealer.seal(id, Buffer.from(JSON.stringify(data ?? null))).toString('base64');
}

export function encodeMeta(m: EntryMeta): string[] {
  return [META, `${META_VERSION}|${m.id}|${m.pattern}|${m.deadline ?? ''}|${m.replyTo ?? ''}|${JSON.stringify(m.headers)}`];
}

/** A stream entry as read: the plain fields and the still sealed body. */
export interface RawEntry { meta: EntryMeta; body?: string }

/** Parses the field list of a stream entry; throws on a malformed entry. */
export function decodeEntry(fields: string[]): RawEntry {
  let metaText: string | undefined;
  let body: string | undefined;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] === META) metaText = fields[i + 1];
    else if (fields[i] === BODY) body = fields[i + 1];
  }
  const parts = metaText?.split('|', 5);
  if (!metaText || parts?.length !== 5 || parts[0] !== META_VERSION || !parts[1] || !parts[2]) throw new Error('malformed stream entry: no meta');
  const [, id, pattern, deadline, replyTo] = parts;
  const headersAt = parts.reduce((n, p) => n + p.length + 1, 0);
  const meta: EntryMeta = { id, pattern, headers: JSON.parse(metaText.slice(headersAt)) as MessageHeaders };
  if (deadline) meta.deadline = Number(deadline);
  if (replyTo) meta.replyTo = replyTo;
  return { meta, body };
}

/** Opens the body of an entry; throws SealError when it is missing, tampered or sealed under an unknown key. */
export function openData(entry: RawEntry, sealer: Sealer): unknown {
  if (entry.body === undefined) return undefined;
  return JSON.parse(sealer.open(entry.meta.id, Buffer.from(entry.body, 'base64')).toString());
}

const META = 'm';
const BODY = 'b';
const META_VERSION = '1';

/** Reply packets are sealed too: sign-in answers carry tickets, API-key creation the new key. `1|<id>|<base64>`. */
export function encodeReply(packet: ReplyPacket, sealer: Sealer): string {
  const { id, ...rest } = packet;
  return `${SEALED}|${id}|${sealer.seal(id, Buffer.from(JSON.stringify(rest))).toString('base64')}`;
}

/**
 * An error the caller must read even when it holds none of our keys (its request did not open
 * here): sent in clear (`2|<id>|<json>`), and accepted only as an error, never as an answer.
 */
export function encodePlainError(id: string, err: WireError): string {
  return `${PLAIN_ERROR}|${id}|${JSON.stringify({ err })}`;
}

export function decodeReply(payload: string, sealer: Sealer): ReplyPacket {
  const idEnd = payload.indexOf('|', 2);
  if (payload[1] !== '|' || idEnd < 0) throw new Error('malformed reply');
  const id = payload.slice(2, idEnd);
  if (payload[0] === PLAIN_ERROR) {
    const { err } = JSON.parse(payload.slice(idEnd + 1)) as { err: unknown };
    return { id, err: asWireError(err), isDisposed: true };
  }
  const rest = JSON.parse(sealer.open(id, Buffer.from(payload.slice(idEnd + 1), 'base64')).toString()) as Omit<ReplyPacket, 'id'>;
  return { id, ...rest };
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

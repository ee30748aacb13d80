import type { MessageHeaders } from '#libs/contracts';
import { ErrorKind, type WireError, isWireError } from '#libs/errors';

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

/** What a server publishes on the caller's reply channel (Nest's WritePacket + id). */
export interface ReplyPacket {
  id: string;
  response?: unknown;
  err?: WireError;
  isDisposed?: boolean;
}

/** Flat field list for XADD. */
export function encodeMessage(m: StreamMessage): string[] {
  const fields = ['id', m.id, 'pattern', m.pattern, 'data', JSON.stringify(m.data ?? null), 'headers', JSON.stringify(m.headers)];
  if (m.deadline !== undefined) fields.push('deadline', String(m.deadline));
  if (m.replyTo !== undefined) fields.push('replyTo', m.replyTo);
  return fields;
}

/** Parses the flat field list of a stream entry; throws on a malformed entry. */
export function decodeMessage(fields: string[]): StreamMessage {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]] = fields[i + 1];
  if (!f.id || !f.pattern) throw new Error('malformed stream entry: missing id or pattern');
  const message: StreamMessage = {
    id: f.id,
    pattern: f.pattern,
    data: f.data === undefined ? undefined : JSON.parse(f.data),
    headers: f.headers ? (JSON.parse(f.headers) as MessageHeaders) : {},
  };
  if (f.deadline !== undefined) message.deadline = Number(f.deadline);
  if (f.replyTo !== undefined) message.replyTo = f.replyTo;
  return message;
}

/** Anything that is not already a WireError becomes a bare internal error (no stack leaks). */
export function asWireError(err: unknown): WireError {
  if (isWireError(err)) return err;
  return { kind: ErrorKind.Internal, message: 'Internal error' };
}

export function unavailable(message: string): WireError {
  return { kind: ErrorKind.Unavailable, message };
}

export function timedOut(message: string): WireError {
  return { kind: ErrorKind.Timeout, message };
}

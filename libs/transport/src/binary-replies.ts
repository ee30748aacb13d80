import { RawJson, isRawJson } from './raw-json.js';
import type { Sealer } from './sealer.js';
import type { ReplyPacket } from './wire-format.js';

const BINARY = '3';
const NEWLINE = 0x0a;
const BAR = 0x7c;

/** True when a reply batch should travel as a binary frame: it holds an already encoded answer and its client reads such frames. */
export function wantsBinaryFrame(packets: readonly ReplyPacket[], clientReadsBinary: boolean): boolean {
  return clientReadsBinary && packets.some((p) => isRawJson(p.response));
}

/**
 * Replies holding already encoded answers (RawJson), in binary (no base64, no JSON re-encoding):
 * `3|<key>|` + sealed(`<JSON of the packets>\n<answer bytes>…`). A packet whose answer is raw has
 * `raw: <byte length>` in place of `response`; the bytes follow the header in packet order (a
 * JSON header never holds a raw newline). Sent only to clients that flag their requests as
 * reading binary frames; any other client gets the text frame with the answers parsed in.
 */
export function encodeBinaryReplies(key: string, packets: readonly ReplyPacket[], sealer: Sealer): Buffer {
  const { prefix, parts } = binaryReplyParts(key, packets);
  return sealer.sealParts(key, parts, prefix);
}

/** A binary frame before sealing: its plain prefix and the parts sealed after it. */
export function binaryReplyParts(key: string, packets: readonly ReplyPacket[]): { prefix: Buffer; parts: Buffer[] } {
  const bodies: Buffer[] = [];
  const head = packets.map((packet) => {
    if (!isRawJson(packet.response)) return packet;
    const { response, ...rest } = packet;
    bodies.push(response.bytes);
    return { ...rest, raw: response.bytes.length };
  });
  return { prefix: Buffer.from(`${BINARY}|${key}|`, 'latin1'), parts: [Buffer.from(`${JSON.stringify(head)}\n`), ...bodies] };
}

export function isBinaryFrame(payload: Buffer): boolean {
  return payload.length > 2 && payload[0] === BINARY.charCodeAt(0) && payload[1] === BAR;
}

/** Opens a binary frame: raw answers come back as RawJson views of the opened bytes (no copy). */
export function decodeBinaryReplies(payload: Buffer, sealer: Sealer): ReplyPacket[] {
  const keyEnd = payload.indexOf(BAR, 2);
  if (!isBinaryFrame(payload) || keyEnd < 0) throw new Error('malformed reply');
  const plain = sealer.open(payload.toString('latin1', 2, keyEnd), payload.subarray(keyEnd + 1));
  const headEnd = plain.indexOf(NEWLINE);
  if (headEnd < 0) throw new Error('malformed reply');
  const head = JSON.parse(plain.toString('utf8', 0, headEnd)) as unknown;
  if (!Array.isArray(head)) throw new Error('malformed reply');
  let at = headEnd + 1;
  const packets = (head as (ReplyPacket & { raw?: unknown })[]).map(({ raw, ...packet }) => {
    if (raw === undefined) return packet;
    if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0 || at + raw > plain.length) throw new Error('malformed reply');
    const bytes = plain.subarray(at, at + raw);
    at += raw;
    return { ...packet, response: new RawJson(bytes) };
  });
  if (at !== plain.length) throw new Error('malformed reply');
  return packets;
}

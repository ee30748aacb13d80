import type { UserCertificateView } from '#libs/contracts';
import { RawJson } from '#libs/transport';
import type { UserCertificateRow } from './user-certificate-row.js';
import type { QrLinkBuilder } from './user-certificate-view.js';

type QrCode = UserCertificateView['qr_code'];

/** A document's JSON bytes around its `qr_code` value, and the bytes of its last QR links. */
interface Pieces { before: Buffer; after: Buffer; qr?: QrCode; qrBytes?: Buffer }

/** Kept per (cached, never mutated) document object. */
const pieces = new WeakMap<UserCertificateView, Pieces>();

/**
 * The JSON of `doc` split where its QR links go: `before` + JSON of the links + `after` is
 * exactly `JSON.stringify(withQrCode(doc, …))` (the key keeps its place; a doc without one gets it last).
 */
function piecesOf(doc: UserCertificateView): Pieces {
  let found = pieces.get(doc);
  if (found) return found;
  const head: string[] = [];
  const tail: string[] = [];
  let seen = false;
  for (const key of Object.keys(doc)) {
    if (key === 'qr_code') { seen = true; continue; }
    const value = (doc as unknown as Record<string, unknown>)[key];
    if (value !== undefined) (seen ? tail : head).push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
  }
  head.push('"qr_code":');
  found = { before: Buffer.from(`{${head.join(',')}`), after: Buffer.from(tail.length > 0 ? `,${tail.join(',')}}` : '}') };
  pieces.set(doc, found);
  return found;
}

function sameFlat(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const key in x) {
    if (x[key] !== y[key]) return false;
    n++;
  }
  return n === Object.keys(y).length;
}

/** The JSON bytes of the QR links: the previous ones while the links did not change (they change once per signing window). */
function qrBytesOf(p: Pieces, qr: QrCode): Buffer {
  if (p.qrBytes && p.qr && qr && sameFlat(qr, p.qr)) return p.qrBytes;
  p.qr = qr;
  p.qrBytes = Buffer.from(JSON.stringify(qr) ?? 'null');
  return p.qrBytes;
}

const OPEN = Buffer.from('{"active":[');
const MIDDLE = Buffer.from('],"archival":[');
const CLOSE = Buffer.from(']}');

/**
 * The list answer `{ active, archival }` as JSON bytes, copied from each document's cached
 * bytes and the bytes of its QR links into one buffer: the same text
 * `JSON.stringify(splitActiveArchival(…))` gives, with nothing re-serialised and no large string
 * built (a megabyte string per answer costs more in garbage collection than the copy).
 */
export function encodeActiveArchival(rows: readonly UserCertificateRow[], links: QrLinkBuilder, nowMs: number): RawJson {
  const parts: Buffer[][] = [[], []];
  let size = OPEN.length + MIDDLE.length + CLOSE.length + rows.length;
  for (const { doc, archival } of rows) {
    const p = piecesOf(doc);
    const qr = qrBytesOf(p, links.qrCode(doc.id, doc.is_activated, nowMs));
    parts[archival ? 1 : 0].push(p.before, qr, p.after);
    size += p.before.length + qr.length + p.after.length;
  }
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  const put = (b: Buffer) => { at += b.copy(out, at); };
  const putList = (list: Buffer[]) => {
    for (let i = 0; i < list.length; i += 3) {
      if (i > 0) out[at++] = 0x2c; // ,
      put(list[i]); put(list[i + 1]); put(list[i + 2]);
    }
  };
  put(OPEN);
  putList(parts[0]);
  put(MIDDLE);
  putList(parts[1]);
  put(CLOSE);
  return new RawJson(out.subarray(0, at));
}

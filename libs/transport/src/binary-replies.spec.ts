import { ErrorKind } from '#libs/errors';
import { decodeBinaryReplies, encodeBinaryReplies, isBinaryFrame, wantsBinaryFrame } from './binary-replies.js';
import { RawJson } from './raw-json.js';
import { Sealer } from './sealer.js';
import { decodeEntry, decodeReplies, encodeMessages, encodeReplies } from './wire-format.js';

const sealer = Sealer.fromSpec(undefined);
const big = RawJson.fromText(JSON.stringify({ active: [{ id: 'a', text: 'secret-ticket ünï\n' }], archival: [] }));

describe('binary reply frames', () => {
  it('round-trips raw answers beside plain packets and errors, sealed', () => {
    const packets = [
      { id: 'a', response: big, isDisposed: true },
      { id: 'b', response: { plain: 1 }, isDisposed: true },
      { id: 'c', err: { kind: ErrorKind.NotFound, message: 'no' }, isDisposed: true },
      { id: 'd', response: RawJson.fromText('[]'), isDisposed: true },
    ];
    const frame = encodeBinaryReplies('srv:1', packets, sealer);
    expect(isBinaryFrame(frame)).toBe(true);
    expect(frame.includes(Buffer.from('secret-ticket'))).toBe(false);
    const decoded = decodeBinaryReplies(frame, sealer);
    expect(decoded.map((p) => p.id)).toEqual(['a', 'b', 'c', 'd']);
    expect((decoded[0].response as RawJson).bytes.equals(big.bytes)).toBe(true);
    expect(decoded[1]).toEqual(packets[1]);
    expect(decoded[2]).toEqual(packets[2]);
    expect((decoded[3].response as RawJson).parse()).toEqual([]);
  });

  it('refuses a tampered frame or one under another key', () => {
    const frame = encodeBinaryReplies('srv:1', [{ id: 'a', response: big, isDisposed: true }], sealer);
    const tampered = Buffer.from(frame);
    tampered[tampered.length - 1] ^= 1;
    expect(() => decodeBinaryReplies(tampered, sealer)).toThrow(/failed authentication/);
    const moved = Buffer.concat([Buffer.from('3|srv:2|'), frame.subarray('3|srv:1|'.length)]);
    expect(() => decodeBinaryReplies(moved, sealer)).toThrow(/failed authentication/);
  });

  it('is chosen only with a raw answer for a client that reads it; others get the parsed answer in the text frame', () => {
    const packets = [{ id: 'a', response: big, isDisposed: true }];
    expect(wantsBinaryFrame(packets, true)).toBe(true);
    expect(wantsBinaryFrame(packets, false)).toBe(false);
    expect(wantsBinaryFrame([{ id: 'a', response: { x: 1 }, isDisposed: true }], true)).toBe(false);
    expect(decodeReplies(encodeReplies('srv:1', packets, sealer), sealer)).toEqual([{ id: 'a', response: big.parse(), isDisposed: true }]);
  });

  it('flags requests of clients that read binary frames in the entry meta', () => {
    const entry = decodeEntry(encodeMessages('k', [
      { id: 'r1', pattern: 'p', data: 1, headers: {}, replyTo: 'gw:1', readsBinary: true },
      { id: 'r2', pattern: 'p', data: 2, headers: {}, replyTo: 'gw:1' },
    ], sealer));
    expect(entry.messages.map((m) => m.readsBinary)).toEqual([true, undefined]);
  });
});

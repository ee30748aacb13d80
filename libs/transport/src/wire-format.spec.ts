import { ErrorKind } from '#libs/errors';
import { Events } from '#libs/contracts';
import { Sealer } from './sealer.js';
import { asWireError, decodeEntry, decodeReply, encodeMessage, encodePlainError, encodeReply, openData } from './wire-format.js';

const sealer = Sealer.fromSpec(undefined);
const roundTrip = (m: Parameters<typeof encodeMessage>[0]) => {
  const entry = decodeEntry(encodeMessage(m, sealer));
  return { ...entry.meta, data: openData(entry, sealer) };
};

describe('wire format', () => {
  it('round-trips a request entry (headers may hold the separator)', () => {
    const m = { id: 'r1', pattern: 'a.b', data: { x: [1, 'y'] }, headers: { 'x-request-id': 'q|r', 'x-session': '{"a":"|"}' }, deadline: 1700000000000, replyTo: 'gw:host-1-abc' };
    expect(roundTrip(m)).toEqual(m);
  });

  it('round-trips an event entry without deadline or replyTo', () => {
    const m = { id: 'e1', pattern: Events.UserDeleted, data: { userId: 'u' }, headers: {} };
    const decoded = roundTrip(m);
    expect(decoded).toEqual(m);
    expect('deadline' in decoded).toBe(false);
  });

  it('keeps null and undefined data as null', () => {
    expect(roundTrip({ id: 'i', pattern: 'p', data: undefined, headers: {} }).data).toBeNull();
  });

  it('never writes the data in clear', () => {
    const fields = encodeMessage({ id: 'i', pattern: 'p', data: { password: 'pa55-word-in-clear' }, headers: {} }, sealer);
    expect(fields.join('|')).not.toContain('pa55-word');
  });

  it('rejects an entry without id or pattern, and a body that does not open', () => {
    expect(() => decodeEntry(['pattern', 'p'])).toThrow('malformed');
    expect(() => decodeEntry(['m', '1|x||||{}'])).toThrow('malformed');
    const entry = decodeEntry(['m', '1|x|p|||{}', 'b', Buffer.from('{"plain":1}').toString('base64')]);
    expect(() => openData(entry, sealer)).toThrow(/not a sealed body/);
  });

  it('round-trips a sealed reply packet', () => {
    const packet = { id: 'c6a4d7a6-0d4b-4c1c-9d55-6f1f1f1f1f1f', response: { ticket: 'secret-ticket' }, isDisposed: true };
    const payload = encodeReply(packet, sealer);
    expect(payload).not.toContain('secret-ticket');
    expect(decodeReply(payload, sealer)).toEqual(packet);
  });

  it('reads a plain error reply only as an error', () => {
    const id = 'c6a4d7a6-0d4b-4c1c-9d55-6f1f1f1f1f1f';
    const err = { kind: ErrorKind.Unavailable, message: 'could not open' };
    expect(decodeReply(encodePlainError(id, err), sealer)).toEqual({ id, err, isDisposed: true });
    const forged = encodePlainError(id, { response: { ticket: 'x' } } as never);
    expect(decodeReply(forged, sealer)).toEqual({ id, err: { kind: ErrorKind.Internal, message: 'Internal error' }, isDisposed: true });
  });

  it('passes WireErrors through and hides anything else', () => {
    const wire = { kind: ErrorKind.Conflict, message: 'taken', code: 'c' };
    expect(asWireError(wire)).toBe(wire);
    expect(asWireError(new Error('db password wrong'))).toEqual({ kind: ErrorKind.Internal, message: 'Internal error' });
    expect(asWireError({ status: 'error', message: 'Internal server error' })).toEqual({ kind: ErrorKind.Internal, message: 'Internal error' });
  });
});

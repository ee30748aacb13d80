import { ErrorKind } from '#libs/errors';
import { Events } from '#libs/contracts';
import { Sealer } from './sealer.js';
import { asWireError, decodeEntry, decodeReplies, encodeMessage, encodeMessages, encodePlainError, encodeReplies, openData } from './wire-format.js';

const sealer = Sealer.fromSpec(undefined);
const roundTrip = (m: Parameters<typeof encodeMessage>[0]) => {
  const entry = decodeEntry(encodeMessage(m, sealer));
  return { ...entry.messages[0], data: openData(entry, sealer)[0] };
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
    expect(fields).toHaveLength(4);
    expect(fields.join('|')).not.toContain('pa55-word');
  });

  it('carries several requests in one entry, sealed once, each with its own meta', () => {
    const messages = [1, 2, 3].map((n) => ({ id: `r${n}`, pattern: `p.${n}`, data: { n }, headers: { 'x-request-id': `q${n}` }, deadline: 1700000000000 + n, replyTo: 'gw:1' }));
    const entry = decodeEntry(encodeMessages('gw:1:7', messages, sealer));
    expect(entry.key).toBe('gw:1:7');
    expect(entry.messages.map((m) => [m.id, m.pattern, m.deadline, m.replyTo, m.headers['x-request-id']])).toEqual(messages.map((m) => [m.id, m.pattern, m.deadline, 'gw:1', m.headers['x-request-id']]));
    expect(openData(entry, sealer)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('rejects an entry without meta or messages, and a body that does not open or does not match', () => {
    expect(() => decodeEntry(['pattern', 'p'])).toThrow('malformed');
    expect(() => decodeEntry(['m', '2|k||[]'])).toThrow('malformed');
    expect(() => decodeEntry(['m', '2|k||[["", "p", null, {}]]'])).toThrow('malformed');
    const entry = decodeEntry(['m', '2|k||[["x", "p", null, {}]]', 'b', Buffer.from('[{"plain":1}]').toString('base64')]);
    expect(() => openData(entry, sealer)).toThrow(/not a sealed body/);
    const other = decodeEntry(encodeMessages('k2', [{ id: 'a', pattern: 'p', data: 1, headers: {} }], sealer));
    expect(() => openData({ ...other, key: 'k3' }, sealer)).toThrow(/failed authentication/);
  });

  it('round-trips sealed reply packets, several in one message', () => {
    const packets = [{ id: 'a', response: { ticket: 'secret-ticket' }, isDisposed: true }, { id: 'b', err: { kind: ErrorKind.NotFound, message: 'no' }, isDisposed: true }];
    const payload = encodeReplies('srv:1', packets, sealer);
    expect(payload).not.toContain('secret-ticket');
    expect(decodeReplies(payload, sealer)).toEqual(packets);
  });

  it('reads a plain error reply only as an error', () => {
    const id = 'c6a4d7a6-0d4b-4c1c-9d55-6f1f1f1f1f1f';
    const err = { kind: ErrorKind.Unavailable, message: 'could not open' };
    expect(decodeReplies(encodePlainError(id, err), sealer)).toEqual([{ id, err, isDisposed: true }]);
    const forged = encodePlainError(id, { response: { ticket: 'x' } } as never);
    expect(decodeReplies(forged, sealer)).toEqual([{ id, err: { kind: ErrorKind.Internal, message: 'Internal error' }, isDisposed: true }]);
  });

  it('passes WireErrors through and hides anything else', () => {
    const wire = { kind: ErrorKind.Conflict, message: 'taken', code: 'c' };
    expect(asWireError(wire)).toBe(wire);
    expect(asWireError(new Error('db password wrong'))).toEqual({ kind: ErrorKind.Internal, message: 'Internal error' });
    expect(asWireError({ status: 'error', message: 'Internal server error' })).toEqual({ kind: ErrorKind.Internal, message: 'Internal error' });
  });
});

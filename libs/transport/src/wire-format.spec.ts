import { ErrorKind } from '#libs/errors';
import { asWireError, decodeMessage, encodeMessage } from './wire-format.js';
import { Events } from '#libs/contracts';

describe('wire format', () => {
  it('round-trips a request entry', () => {
    const m = { id: 'r1', pattern: 'a.b', data: { x: [1, 'y'] }, headers: { 'x-request-id': 'q' }, deadline: 1700000000000, replyTo: 'gw:1' };
    expect(decodeMessage(encodeMessage(m))).toEqual(m);
  });

  it('round-trips an event entry without deadline or replyTo', () => {
    const m = { id: 'e1', pattern: Events.UserDeleted, data: { userId: 'u' }, headers: {} };
    const decoded = decodeMessage(encodeMessage(m));
    expect(decoded).toEqual(m);
    expect('deadline' in decoded).toBe(false);
  });

  it('keeps null and undefined data as null', () => {
    expect(decodeMessage(encodeMessage({ id: 'i', pattern: 'p', data: undefined, headers: {} })).data).toBeNull();
  });

  it('rejects an entry without id or pattern', () => {
    expect(() => decodeMessage(['pattern', 'p'])).toThrow('malformed');
    expect(() => decodeMessage(['id', 'x', 'pattern', 'p', 'data', '{bad'])).toThrow();
  });

  it('passes WireErrors through and hides anything else', () => {
    const wire = { kind: ErrorKind.Conflict, message: 'taken', code: 'c' };
    expect(asWireError(wire)).toBe(wire);
    expect(asWireError(new Error('db password wrong'))).toEqual({ kind: ErrorKind.Internal, message: 'Internal error' });
    expect(asWireError({ status: 'error', message: 'Internal server error' })).toEqual({ kind: ErrorKind.Internal, message: 'Internal error' });
  });
});

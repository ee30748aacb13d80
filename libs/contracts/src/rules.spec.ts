import { coinsOf, isoDate, isoSeconds, isRealDate, PARTICIPANT_ID, USER_ID } from './rules.js';

describe('shared input rules', () => {
  it('isoSeconds prints the documents\' timestamps (no milliseconds); null stays null', () => {
    expect(isoSeconds(new Date('2018-03-20T07:34:04.123Z'))).toBe('2018-03-20T07:34:04Z');
    expect(isoSeconds('2018-03-20T07:34:04.999Z')).toBe('2018-03-20T07:34:04Z');
    expect(isoSeconds(null)).toBeNull();
    expect(isoDate(new Date('2019-02-01T23:00:00Z'))).toBe('2019-02-01');
    expect(isoDate('2019-02-01')).toBe('2019-02-01');
  });

  it('isRealDate refuses days the calendar does not have', () => {
    expect(isRealDate('2019-02-28')).toBe(true);
    expect(isRealDate('2019-02-30')).toBe(false);
    expect(isRealDate('yesterday')).toBe(false);
  });

  it('coinsOf takes 18-decimal integer strings up to 78 digits, nothing else', () => {
    expect(coinsOf('1000000000000000000')).toBe(10n ** 18n);
    expect(coinsOf('0')).toBe(0n);
    expect(coinsOf('9'.repeat(78))).toBe(10n ** 78n - 1n);
    for (const bad of ['9'.repeat(79), '01', '-1', '1.5', '', 1, null]) expect(coinsOf(bad)).toBeUndefined();
  });

  it('user and participant ids have one shape each', () => {
    expect(USER_ID.test('urn:authenticateit:user:email:a.b+c@example.com')).toBe(true);
    expect(USER_ID.test('urn:authenticateit:user:phonenum:+61400000000')).toBe(true);
    expect(USER_ID.test('urn:authenticateit:user:email:a b')).toBe(false);
    expect(USER_ID.test('urn:authenticateit:participant:1')).toBe(false);
    expect(PARTICIPANT_ID.test('urn:authenticateit:participant:42')).toBe(true);
    expect(PARTICIPANT_ID.test('urn:authenticateit:participant:abc')).toBe(false);
  });
});

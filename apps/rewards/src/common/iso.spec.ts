import { parseDocDate } from './iso.js';

describe('doc dates', () => {
  it('parses ISO and the doc form, rejects garbage', () => {
    expect(parseDocDate('2012-12-12T01-01-01Z')?.toISOString()).toBe('2012-12-12T01:01:01.000Z');
    expect(parseDocDate('2019-12-12T12:12:12Z')?.toISOString()).toBe('2019-12-12T12:12:12.000Z');
    expect(parseDocDate('2018-02-31T00:00:00Z')).toBeNull();
    expect(parseDocDate('2018-02-31T10:00:00+02:00')).toBeNull();
    expect(parseDocDate('2018-02-31')).toBeNull();
    expect(parseDocDate('2018-02-28T23:30:00-02:00')?.toISOString()).toBe('2018-03-01T01:30:00.000Z');
    expect(parseDocDate('yesterday')).toBeNull();
    expect(parseDocDate('2018-13-45T99:00:00Z')).toBeNull();
  });
});

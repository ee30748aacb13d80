import { rangeOf } from './range.js';

describe('admin list ranges', () => {
  it('defaults to the newest 20', () => expect(rangeOf({})).toEqual({ from: null, to: null, offset: 0, limit: 20, order: 'DESC' }));
  it('accepts the doc date form', () => expect(rangeOf({ from: '2012-12-12T01-01-01Z' }).from?.toISOString()).toBe('2012-12-12T01:01:01.000Z'));
  it('refuses from after to and impossible dates', () => {
    expect(() => rangeOf({ from: '2019-01-02T00:00:00Z', to: '2019-01-01T00:00:00Z' })).toThrow('Invalid request');
    expect(() => rangeOf({ from: '2019-02-30T00:00:00Z' })).toThrow('Invalid request');
  });
});

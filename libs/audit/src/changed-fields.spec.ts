import { changedFields, unchanged } from './changed-fields.js';

describe('changedFields', () => {
  it('keeps only the fields that differ, and the kept ones', () => {
    expect(changedFields({ type: 'coins', value: '1', status: 'active', ts: 'a' }, { type: 'coins', value: '2', status: 'active', ts: 'b' }, ['type']))
      .toEqual({ before: { type: 'coins', value: '1', ts: 'a' }, after: { type: 'coins', value: '2', ts: 'b' } });
  });

  it('a field on one side only is null on the other; a creation keeps the whole state', () => {
    expect(changedFields({ a: 1 }, { a: 1, b: [2] })).toEqual({ before: { b: null }, after: { b: [2] } });
    expect(changedFields(null, { a: 1 })).toEqual({ before: null, after: { a: 1 } });
  });

  it('unchanged: equal states (deeply), never a creation', () => {
    expect(unchanged({ r: ['x'] }, { r: ['x'] })).toBe(true);
    expect(unchanged({ r: ['x'] }, { r: ['y'] })).toBe(false);
    expect(unchanged(null, { r: ['x'] })).toBe(false);
  });
});

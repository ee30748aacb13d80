import { DomainError, ErrorKind } from '#libs/errors';
import { MAX_BULK_ITEMS, assertDistinctIds, conflictError, duplicateCodesInRequest, parseBulk, parseCreateItem, parseListQuery, parsePathId, parseUpdateItem } from './payment-certificate-input.js';

function thrown(work: () => unknown): DomainError {
  try { work(); } catch (error) { return error as DomainError; }
  throw new Error('did not throw');
}

describe('parseCreateItem', () => {
  it('applies the defaults of the doc', () => {
    expect(parseCreateItem({ code: 'C-1' })).toEqual({ item: { code: 'C-1', is_active: true, value: 0 }, errors: [] });
  });
  it.each([
    [{}, 'code'], [{ code: '' }, 'code'], [{ code: 5 }, 'code'], [{ code: 'x'.repeat(256) }, 'code'],
    [{ code: 'C', value: -1 }, 'value'], [{ code: 'C', value: 1.5 }, 'value'], [{ code: 'C', value: '1' }, 'value'],
    [{ code: 'C', value: 2 ** 31 }, 'value'], [{ code: 'C', is_active: 1 }, 'is_active'], [{ code: 'C', id: 1 }, 'id'],
    [{ code: 'C', extra: 1 }, 'extra'],
  ])('rejects %j on field %s', (raw, field) => {
    const parsed = parseCreateItem(raw);
    expect(parsed.item).toBeUndefined();
    expect(parsed.errors.map((e) => e.field)).toContain(field);
  });
});

describe('parseUpdateItem', () => {
  it('keeps absent fields absent', () => {
    expect(parseUpdateItem({ id: 3, code: 'C' }).item).toEqual({ id: 3, code: 'C' });
  });
  it('takes the id from the path and refuses a different one in the body', () => {
    expect(parseUpdateItem({ code: 'C', value: 2 }, 9).item).toEqual({ id: 9, code: 'C', value: 2 });
    expect(parseUpdateItem({ id: 8, code: 'C' }, 9).errors[0].field).toBe('id');
  });
  it('requires a positive integer id', () => {
    for (const id of [undefined, 0, -1, 1.5, '3']) expect(parseUpdateItem({ id, code: 'C' }).item).toBeUndefined();
  });
});

describe('parseBulk', () => {
  it('refuses a non-array body and more than the limit', () => {
    expect(thrown(() => parseBulk({}, parseCreateItem)).kind).toBe(ErrorKind.InvalidInput);
    const big = Array.from({ length: MAX_BULK_ITEMS + 1 }, (_, i) => ({ code: `c${i}` }));
    expect(thrown(() => parseBulk(big, parseCreateItem)).kind).toBe(ErrorKind.PayloadTooLarge);
    expect(parseBulk(big.slice(1), parseCreateItem)).toHaveLength(MAX_BULK_ITEMS);
  });
  it('lists every invalid index with its code', () => {
    const error = thrown(() => parseBulk([{ code: 'a' }, { code: 'b', value: -1 }, { value: 1 }], parseCreateItem));
    expect((error.details as { index: number; code: string | null }[]).map((d) => [d.index, d.code])).toEqual([[1, 'b'], [2, null]]);
  });
});

describe('duplicates', () => {
  it('lists every occurrence of a repeated code', () => {
    expect(duplicateCodesInRequest([{ code: 'a' }, { code: 'b' }, { code: 'a' }]).map((c) => c.index)).toEqual([0, 2]);
  });
  it('merges conflicts in body order, each index once', () => {
    const error = conflictError(
      [{ index: 3, code: 'a', reason: 'duplicate_in_request' }, { index: 0, code: 'a', reason: 'duplicate_in_request' }],
      [{ index: 3, code: 'a', reason: 'code_exists' }, { index: 1, code: 'b', reason: 'code_exists' }]);
    expect(error.kind).toBe(ErrorKind.Conflict);
    expect((error.details as { index: number }[]).map((d) => d.index)).toEqual([0, 1, 3]);
  });
  it('refuses an id named twice', () => {
    expect(thrown(() => assertDistinctIds([{ id: 1, code: 'a' }, { id: 1, code: 'b' }])).kind).toBe(ErrorKind.InvalidInput);
    expect(() => assertDistinctIds([{ id: 1, code: 'a' }, { id: 2, code: 'a' }])).not.toThrow();
  });
});

describe('query and path', () => {
  it('parses limit/offset', () => {
    expect(parseListQuery({ limit: '5', offset: '10' })).toEqual({ limit: 5, offset: 10 });
    expect(parseListQuery({})).toEqual({ limit: undefined, offset: 0 });
    expect(thrown(() => parseListQuery({ limit: '-1' })).kind).toBe(ErrorKind.InvalidInput);
    expect(thrown(() => parseListQuery({ offset: ['1', '2'] })).kind).toBe(ErrorKind.InvalidInput);
  });
  it('parses path ids', () => {
    expect(parsePathId('12')).toBe(12);
    for (const raw of ['0', 'abc', '1.5', '', undefined, '9'.repeat(16)]) expect(parsePathId(raw)).toBeUndefined();
  });
});

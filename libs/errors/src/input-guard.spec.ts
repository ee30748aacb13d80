import { inputProblem, MAX_INPUT_DEPTH } from './input-guard.js';

describe('inputProblem', () => {
  it('accepts ordinary documents', () => {
    expect(inputProblem({ email: 'a@b.co', tags: ['x', { y: 1 }], n: null, ok: true })).toBeUndefined();
  });

  it('rejects prototype keys at any depth', () => {
    expect(inputProblem(JSON.parse('{"a":{"__proto__":{"x":1}}}'))).toMatch(/a\.__proto__/);
    expect(inputProblem({ email: { constructor: 'x' } })).toMatch(/email\.constructor/);
    expect(inputProblem([{ prototype: 1 }])).toMatch(/prototype/);
  });

  it('rejects NUL characters and lone surrogates in values and keys', () => {
    expect(inputProblem({ name: 'a\u0000b' })).toMatch(/NUL/);
    expect(inputProblem({ ['k\u0000']: 1 })).toMatch(/NUL/);
    expect(inputProblem({ email: '\ud800' })).toMatch(/Unicode/);
    expect(inputProblem('\udc00x', 'params.id')).toMatch(/params\.id/);
    expect(inputProblem({ ok: 'emoji \ud83d\ude00' })).toBeUndefined();
  });

  it('rejects nesting deeper than the limit but not at it', () => {
    const nest = (n: number): unknown => (n === 0 ? 1 : { a: nest(n - 1) });
    expect(inputProblem(nest(MAX_INPUT_DEPTH))).toBeUndefined();
    expect(inputProblem(nest(MAX_INPUT_DEPTH + 1))).toMatch(/nested deeper/);
    expect(inputProblem(JSON.parse('['.repeat(5000) + ']'.repeat(5000)))).toMatch(/nested deeper/);
  });
});

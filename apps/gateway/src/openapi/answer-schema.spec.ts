import { answerSchema } from './answer-schema.js';

describe('answerSchema', () => {
  it('merges every example: keys of all, array elements merged, optional properties nullable, numbers as number', () => {
    expect(answerSchema([{ a: 1, list: [{ x: 'a' }, { y: true }] }, { b: null, list: [] }])).toEqual({
      type: 'object',
      properties: {
        a: { type: 'number', nullable: true },
        list: {
          type: 'array', nullable: true,
          items: { type: 'object', properties: { x: { type: 'string', nullable: true }, y: { type: 'boolean', nullable: true } } },
        },
        b: {},
      },
    });
  });

  it('gives a key whose examples disagree in type each type', () => {
    expect(answerSchema([{ boost: null }, { boost: { level: 'gold' } }, { boost: 'none' }]).properties!.boost).toEqual({
      anyOf: [{ type: 'object', nullable: true, properties: { level: { type: 'string', nullable: true } } }, { type: 'string', nullable: true }],
    });
    expect(answerSchema([[1], ['a']])).toEqual({ type: 'array', items: { anyOf: [{ type: 'number' }, { type: 'string' }] } });
  });

  it('declares coin keys and coin-sized numbers as 18-decimal strings, other numbers as numbers', () => {
    const schema = answerSchema([{ coins: 53, coin_rate: 2000000000000000000, level: { coin_rate: 2 } }]);
    expect(schema.properties!.coins).toMatchObject({ type: 'string', pattern: '^-?[0-9]+$', nullable: true });
    expect(schema.properties!.coin_rate).toMatchObject({ type: 'string', pattern: '^-?[0-9]+$' });
    expect((schema.properties!.level as { properties: object }).properties).toEqual({ coin_rate: { type: 'number', nullable: true } });
  });

  it('lets a fee value be coins or a number whatever the example shows', () => {
    const fee = answerSchema([{ fee: { type: 'coins', value: '20000000000000000000' } }]).properties!.fee as { properties: Record<string, any> };
    expect(fee.properties.value.anyOf).toEqual([expect.objectContaining({ type: 'string', nullable: true }), { type: 'number', nullable: true }]);
  });
});

import { rarePart, summarise } from './trigram-sample.js';

const emails = summarise(Array.from({ length: 2000 }, (_, i) => `user${i * 7 + 1}@bench.test`));
const phones = summarise(Array.from({ length: 2000 }, (_, i) => `+7928${String((i * 7919) % 10_000_000).padStart(7, '0')}`));

describe('rarePart (the part of a substring filter the trigram index is asked for)', () => {
  it('leaves out the trigrams most values share, and keeps a part of the value', () => {
    const part = rarePart('User12345', emails);
    expect(part).toBeDefined();
    expect('User12345').toContain(part!);
    expect(part!.toLowerCase()).not.toMatch(/use|ser/);
    const phone = rarePart('928555', phones);
    expect('928555').toContain(phone!);
    expect(phone).not.toContain('928');
  });

  it('searches the whole value when nothing is frequent, nothing is rarer, or there is no sample', () => {
    expect(rarePart('qxz981', emails)).toBeUndefined();
    expect(rarePart('bench.test', emails)).toBeUndefined();
    expect(rarePart('user12345', undefined)).toBeUndefined();
    expect(rarePart('user12345', summarise([]))).toBeUndefined();
    expect(rarePart('us', emails)).toBeUndefined();
  });
});

import type { UserCertificateView } from '#libs/contracts';
import { DocumentCache } from './document-cache.js';

const doc = (id: string) => ({ id }) as unknown as UserCertificateView;

describe('DocumentCache', () => {
  it('answers a document only for the version it was read at', () => {
    const cache = new DocumentCache();
    cache.set('a', '100', doc('a'));
    expect(cache.get('a', '100')).toEqual(doc('a'));
    expect(cache.get('a', '101')).toBeUndefined();
    expect(cache.get('b', '100')).toBeUndefined();
  });

  it('drops the least recently used entry beyond its size', () => {
    const cache = new DocumentCache(2);
    cache.set('a', '1', doc('a'));
    cache.set('b', '1', doc('b'));
    cache.get('a', '1');
    cache.set('c', '1', doc('c'));
    expect(cache.size).toBe(2);
    expect(cache.get('b', '1')).toBeUndefined();
    expect(cache.get('a', '1')).toEqual(doc('a'));
    expect(cache.get('c', '1')).toEqual(doc('c'));
  });
});

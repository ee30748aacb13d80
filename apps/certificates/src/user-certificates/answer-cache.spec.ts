import { RawJson } from '#libs/transport';
import { AnswerCache } from './answer-cache.js';
import { listFingerprint } from './list-fingerprint.js';

const answer = (text: string) => RawJson.fromText(text);

describe('AnswerCache', () => {
  it('answers only for the fingerprint and signing window it was built at', () => {
    const cache = new AnswerCache();
    const a = answer('{"active":[],"archival":[]}');
    cache.set('u', 'f1', 100, a);
    expect(cache.get('u', 'f1', 100)).toBe(a);
    expect(cache.get('u', 'f2', 100)).toBeUndefined();
    expect(cache.get('u', 'f1', 200)).toBeUndefined();
    expect(cache.get('v', 'f1', 100)).toBeUndefined();
  });

  it('drops the least recently used answers beyond its bytes', () => {
    const cache = new AnswerCache(10);
    cache.set('a', 'f', 1, answer('1234'));
    cache.set('b', 'f', 1, answer('1234'));
    cache.get('a', 'f', 1);
    cache.set('c', 'f', 1, answer('1234'));
    expect(cache.size).toBe(2);
    expect(cache.has('b')).toBe(false);
    cache.set('a', 'f', 1, answer('12345678901'));
    expect(cache.has('a')).toBe(false);
  });
});

describe('listFingerprint', () => {
  it('is the md5 of id:xmin:archival, comma separated, in list order', () => {
    expect(listFingerprint([])).toBe('d41d8cd98f00b204e9800998ecf8427e');
    const heads = [{ id: 'a', version: '7', archival: false }, { id: 'b', version: '8', archival: true }];
    expect(listFingerprint(heads)).toBe('b2aa963af832a61ac3624fc21ae17ed4'); // md5('a:7:f,b:8:t'), as Postgres gives it
    expect(listFingerprint(heads)).not.toBe(listFingerprint([heads[1], heads[0]]));
    expect(listFingerprint(heads)).not.toBe(listFingerprint([heads[0], { ...heads[1], version: '9' }]));
  });
});

import { TransportKeys } from './keys.js';
import { reclaimIntervalMs } from './reclaimer.js';
import { unpackRecord } from './redis-streams.client.js';
import { StreamRecord } from './stream-record.js';
import { Events } from '#libs/contracts';

describe('TransportKeys', () => {
  it('prefixes every key and channel; the keys of one service share its hash tag', () => {
    const k = new TransportKeys('t1:');
    expect(k.requests('identity')).toBe('t1:rq:{identity}');
    expect(k.events('rewards', Events.UserDeleted)).toBe('t1:ev:{rewards}:user.deleted');
    expect(k.deadLetter('identity')).toBe('t1:dlq:{identity}');
    expect(k.alive('identity')).toBe('t1:alive:{identity}');
    expect(k.failures('identity')).toBe('t1:fail:{identity}');
    expect(k.subscribers(Events.UserDeleted)).toBe('t1:subs:user.deleted');
    expect(k.replies('gw:abc')).toBe('t1:rp:gw:abc');
    expect(new TransportKeys().requests('x')).toBe('rq:{x}');
  });
});

describe('reclaimIntervalMs', () => {
  it('runs at half the min-idle time, between 100 ms and 5 s', () => {
    expect(reclaimIntervalMs(30_000)).toBe(5_000);
    expect(reclaimIntervalMs(1_000)).toBe(500);
    expect(reclaimIntervalMs(50)).toBe(100);
  });
});

describe('unpackRecord', () => {
  it('splits a StreamRecord into data, a copy of its headers and its timeout', () => {
    const headers = { 'x-request-id': 'r' };
    const out = unpackRecord(new StreamRecord({ a: 1 }, headers, { timeoutMs: 50 }));
    expect(out).toEqual({ data: { a: 1 }, headers, timeoutMs: 50 });
    expect(out.headers).not.toBe(headers);
  });

  it('treats plain data as data with no headers', () => {
    expect(unpackRecord({ a: 1 })).toEqual({ data: { a: 1 }, headers: {} });
  });
});

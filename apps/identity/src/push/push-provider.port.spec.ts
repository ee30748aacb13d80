import { networkError, PushProviderError, retryAfterMs } from './push-provider.port.js';
import { deliveryJobId, deliveryUuid, deviceHash } from './push-job.js';
import { phpUrlencode } from './baidu/baidu-sign.js';

describe('push helpers', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(Date.UTC(2030, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(10_000);
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });

  it('treats errors below HTTP as worth another try, keeps provider errors as they are', () => {
    expect(networkError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toMatchObject({ reason: 'network:ECONNREFUSED', retryable: true });
    const refused = new PushProviderError('INVALID_ARGUMENT', false, 400);
    expect(networkError(refused)).toBe(refused);
  });

  it('names a delivery by message and device, without the token and without colons', () => {
    const device = { type: 'gcm' as const, token: 'a'.repeat(4000), channel: '' };
    const id = deliveryJobId('rewards.outbox.42', device);
    expect(id).toMatch(/^rewards\.outbox\.42\.[0-9a-f]{32}$/);
    expect(id).toBe(deliveryJobId('rewards.outbox.42', { ...device }));
    expect(deviceHash({ ...device, type: 'apns' })).not.toBe(deviceHash(device));
    expect(deliveryUuid(id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("encodes like PHP's urlencode (what Baidu signs)", () => {
    expect(phpUrlencode("a b!'()*~-_.é")).toBe('a+b%21%27%28%29%2A%7E-_.%C3%A9');
  });
});

// Push delivery in identity: push.requested events (as rewards emits them) delivered to every
// device of the user through local FCM, APNs (HTTP/2 over TLS) and Baidu stand-ins; dead devices
// removed, provider errors retried or recorded, one delivery per device per message.
import { createServer } from 'node:net';
import { firstValueFrom } from 'rxjs';
import { Events, IdentityPattern, type PushRequestedEvent } from '#libs/contracts';
import { RedisStreamsClient } from '#libs/transport';
import { APNS_TOPIC, type PushStandins, startPushStandins } from '../support/push-standins.js';
import { eventually } from '../support/service-harness.js';
import { emailUser, type SignedIn, unique } from './accounts-fixtures.js';
import { type IdentityHarness, startIdentity } from './identity-process.js';

let id: IdentityHarness;
let push: PushStandins;
let rewards: RedisStreamsClient;
let healthPort: number;

const freePort = () => new Promise<number>((resolve) => { const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); }); });

beforeAll(async () => {
  push = await startPushStandins();
  healthPort = await freePort();
  id = await startIdentity({ ...push.env, PUSH_BACKOFF_MS: '100', PUSH_MAX_ATTEMPTS: '3', HEALTH_PORT: String(healthPort) });
  rewards = new RedisStreamsClient({ url: process.env.TEST_REDIS_URL!, caller: 'rewards' });
}, 120_000);
afterAll(async () => {
  await rewards?.close();
  await id?.stop();
  push?.stop();
});

const token = (kind: string) => `${kind}-${unique()}${unique()}`;
let messages = 0;
const message = (userId: string, extra: Partial<PushRequestedEvent> = {}): PushRequestedEvent => ({
  messageId: `test.${unique()}.${messages += 1}`, userId, title: 'Rewards', body: `Hello ${messages}`, payload: { type: 'timeline', message_type: 'notification' }, ...extra,
});
const emit = (event: unknown) => firstValueFrom(rewards.emit(Events.PushRequested, event), { defaultValue: undefined });
const addDevice = (user: SignedIn, body: Record<string, string>) => id.call(IdentityPattern.DeviceSet, { body }, user.session);
const devicesOf = async (userId: string) => (await id.db.query('SELECT device_id FROM identity.devices WHERE user_id = $1', [userId])).rows.map((r) => r.device_id as string);
const failures = async (messageId: string) => (await id.db.query('SELECT provider, reason, http_status, attempts, device_removed FROM identity.push_failures WHERE message_id = $1', [messageId])).rows;
const fcmTo = async (t: string) => (await push.fcm.received()).received.filter((m) => m.token === t);
const apnsTo = async (t: string) => (await push.apns.received()).received.filter((m) => m.token === t);
const baiduTo = async (channel: string) => (await push.baidu.received()).received.filter((m) => m.channel_id === channel);
const settle = () => new Promise((r) => setTimeout(r, 1500));

describe('push delivery through the providers', () => {
  let user: SignedIn;
  const gcm = token('gcm');
  const apns = token('apns');
  const sandbox = token('sandbox');
  const channel = token('channel');
  let event: PushRequestedEvent;

  beforeAll(async () => {
    user = await emailUser(id, `push.${unique()}@rewards.test`, 'secret-12');
    await addDevice(user, { id: gcm, type: 'gcm' });
    await addDevice(user, { id: apns, type: 'apns' });
    await addDevice(user, { id: sandbox, type: 'apns_sandbox' });
    await addDevice(user, { id: token('baidu-user'), type: 'baidu', channel });
    event = message(user.userId, { title: 'Rewards', body: 'You reached Silver', payload: { type: 'reminder', reminder: 'you_reached_level' } });
    await emit(event);
  });

  it('says at start which providers are on', () => {
    expect(id.logs()).toMatch(/push delivery on for fcm \(gcm\), apns \(apns, apns_sandbox\), baidu \(baidu\)/);
  });

  it('FCM got the token, title, body and payload, with an access token from the service-account JWT', async () => {
    await eventually(async () => expect(await fcmTo(gcm)).toHaveLength(1));
    expect((await fcmTo(gcm))[0]).toEqual({ token: gcm, project: 'rewards-test', notification: { title: 'Rewards', body: 'You reached Silver' }, data: { type: 'reminder', reminder: 'you_reached_level' } });
    expect((await push.fcm.received()).counters.token_requests).toBe(1);
  });

  it('APNs got it over HTTP/2 on the production and the sandbox host, with the topic and an alert', async () => {
    await eventually(async () => expect([...await apnsTo(apns), ...await apnsTo(sandbox)]).toHaveLength(2));
    const [production] = await apnsTo(apns);
    expect(production).toMatchObject({ environment: 'production', topic: APNS_TOPIC, pushType: 'alert', apnsId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) });
    expect(production.payload).toEqual({ aps: { alert: { title: 'Rewards', body: 'You reached Silver' }, sound: 'default' }, type: 'reminder', reminder: 'you_reached_level' });
    expect((await apnsTo(sandbox))[0]).toMatchObject({ environment: 'sandbox', payload: production.payload });
  });

  it('Baidu got a signed single_device notification for the channel', async () => {
    await eventually(async () => expect(await baiduTo(channel)).toHaveLength(1));
    expect((await baiduTo(channel))[0]).toEqual({
      channel_id: channel, device_type: '3', msg_type: '1',
      msg: { title: 'Rewards', description: 'You reached Silver', notification_basic_style: 7, custom_content: { type: 'reminder', reminder: 'you_reached_level' } },
    });
  });

  it('a redelivered event delivers nothing twice', async () => {
    await emit(event);
    await emit(event);
    await settle();
    expect(await fcmTo(gcm)).toHaveLength(1);
    expect(await apnsTo(apns)).toHaveLength(1);
    expect(await baiduTo(channel)).toHaveLength(1);
    const next = message(user.userId);
    await emit(next);
    await eventually(async () => expect(await fcmTo(gcm)).toHaveLength(2));
  });

  it('serves per-provider metrics', async () => {
    const text = await (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text();
    expect(text).toMatch(/push_delivered_total\{[^}]*provider="fcm"[^}]*\} [1-9]/);
    expect(text).toMatch(/push_delivered_total\{[^}]*provider="apns"[^}]*\} [1-9]/);
    expect(text).toMatch(/push_delivered_total\{[^}]*provider="baidu"[^}]*\} [1-9]/);
    expect(text).toMatch(/push_provider_request_seconds_count\{[^}]*provider="fcm"/);
  });
});

describe('dead devices', () => {
  it.each([
    ['gcm', 404, 'fcm', 'UNREGISTERED', 404],
    ['apns', 410, 'apns', 'Unregistered', 410],
    ['apns_sandbox', 400, 'apns', 'BadDeviceToken', 400],
    ['baidu', 404, 'baidu', '30608', 404],
  ])('%s answered %s: the device is removed and the failure recorded', async (type, status, provider, reason, httpStatus) => {
    const user = await emailUser(id, `dead.${unique()}@rewards.test`, 'secret-12');
    const dead = token('dead');
    const keep = token('keep');
    const device = (t: string): Record<string, string> => (type === 'baidu' ? { id: t, type, channel: `ch-${t}` } : { id: t, type });
    await addDevice(user, device(dead));
    await addDevice(user, device(keep));
    const standin = type === 'gcm' ? push.fcm : type === 'baidu' ? push.baidu : push.apns;
    await standin.script(type === 'baidu' ? `ch-${dead}` : dead, [{ status }]);
    const event = message(user.userId);
    await emit(event);
    await eventually(async () => expect(await devicesOf(user.userId)).toEqual([keep]));
    expect(await failures(event.messageId)).toEqual([{ provider, reason, http_status: httpStatus, attempts: 1, device_removed: true }]);
  });
});

describe('provider errors', () => {
  let user: SignedIn;
  beforeAll(async () => { user = await emailUser(id, `errors.${unique()}@rewards.test`, 'secret-12'); });

  it('FCM 429 with Retry-After: waits as told, then delivers', async () => {
    const t = token('gcm-429');
    await addDevice(user, { id: t, type: 'gcm' });
    await push.fcm.script(t, [{ status: 429, retryAfter: 2 }]);
    const started = Date.now();
    await emit(message(user.userId));
    await eventually(async () => expect(await fcmTo(t)).toHaveLength(1), 15_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect((await push.fcm.received()).attempts[t]).toBe(2);
  });

  it.each([
    ['gcm', 503], ['apns', 500], ['baidu', 503],
  ])('%s %s twice: retried with back-off, then delivered once', async (type, status) => {
    const t = token(`${type}-5xx`);
    const key = type === 'baidu' ? `ch-${t}` : t;
    await addDevice(user, type === 'baidu' ? { id: t, type, channel: key } : { id: t, type });
    const standin = type === 'gcm' ? push.fcm : type === 'baidu' ? push.baidu : push.apns;
    await standin.script(key, [{ status }, { status }]);
    await emit(message(user.userId));
    await eventually(async () => expect((await standin.received()).attempts[key]).toBe(3), 15_000);
    await settle();
    const received = (await standin.received()).received as Array<{ token?: string; channel_id?: string }>;
    expect(received.filter((m) => (m.token ?? m.channel_id) === key)).toHaveLength(1);
  });

  it('5xx past the last attempt: recorded as failed with the reason, the device kept', async () => {
    const t = token('gcm-down');
    await addDevice(user, { id: t, type: 'gcm' });
    await push.fcm.script(t, [{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }]);
    const event = message(user.userId);
    await emit(event);
    await eventually(async () => expect(await failures(event.messageId)).toEqual([{ provider: 'fcm', reason: 'UNAVAILABLE', http_status: 503, attempts: 3, device_removed: false }]), 15_000);
    expect((await push.fcm.received()).attempts[t]).toBe(3);
    expect(await devicesOf(user.userId)).toContain(t);
  });

  it('FCM 401: one new access token, then delivered', async () => {
    const t = token('gcm-401');
    await addDevice(user, { id: t, type: 'gcm' });
    const before = (await push.fcm.received()).counters.token_requests;
    await push.fcm.script(t, [{ status: 401 }]);
    await emit(message(user.userId));
    await eventually(async () => expect(await fcmTo(t)).toHaveLength(1));
    expect((await push.fcm.received()).counters.token_requests).toBe(before + 1);
  });

  it('APNs 403 ExpiredProviderToken: one new provider token, then delivered', async () => {
    const t = token('apns-403');
    await addDevice(user, { id: t, type: 'apns' });
    await push.apns.script(t, [{ status: 403 }]);
    await emit(message(user.userId));
    await eventually(async () => expect(await apnsTo(t)).toHaveLength(1));
    expect((await push.apns.received()).attempts[t]).toBe(2);
  });

  it('a malformed event is dropped; identity goes on delivering', async () => {
    const t = token('gcm-after-bad');
    await addDevice(user, { id: t, type: 'gcm' });
    await emit({ userId: user.userId, title: 'x' });
    await emit({ ...message(user.userId), messageId: 'has spaces and : colons' });
    await emit(message(user.userId, { body: 'after the bad ones' }));
    await eventually(async () => expect((await fcmTo(t)).map((m) => m.notification?.body)).toEqual(['after the bad ones']));
  });
});

describe('a device token registered by another user (a phone changing hands)', () => {
  it('moves to the new user: only the new user gets pushes on it', async () => {
    const previous = await emailUser(id, `prev.${unique()}@rewards.test`, 'secret-12');
    const next = await emailUser(id, `next.${unique()}@rewards.test`, 'secret-12');
    const t = token('gcm-moved');
    await addDevice(previous, { id: t, type: 'gcm' });
    await addDevice(next, { id: t, type: 'gcm' });
    expect(await devicesOf(previous.userId)).toEqual([]);
    expect(await devicesOf(next.userId)).toEqual([t]);
    await emit(message(previous.userId, { body: 'for the previous owner' }));
    await emit(message(next.userId, { body: 'for the new owner' }));
    await eventually(async () => expect(await fcmTo(t)).toHaveLength(1));
    await settle();
    expect((await fcmTo(t)).map((m) => m.notification?.body)).toEqual(['for the new owner']);
  });
});

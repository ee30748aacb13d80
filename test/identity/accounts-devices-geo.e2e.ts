// Devices, geo from the offline database, and phone sign-up with the dev SMS outbox.
import { type IdentityHarness, startIdentity } from './identity-process.js';
import { emailUser, lastSmsCode, outboxSms, type SignedIn, unique } from './accounts-fixtures.js';
import { IdentityPattern } from '#libs/contracts';

let id: IdentityHarness;
let user: SignedIn;
beforeAll(async () => {
  id = await startIdentity({ GEO_DEFAULT_COUNTRY: 'AU' });
  user = await emailUser(id, `dev.${unique()}@bar.com`, 'secret-12');
});
afterAll(async () => { await id?.stop(); });

const devices = (userId: string) => id.db.query('SELECT type, device_id, channel FROM identity.devices WHERE user_id = $1 ORDER BY device_id', [userId]).then((r) => r.rows);

describe('identity: devices', () => {
  it('adds, replaces and removes devices of every type', async () => {
    expect(await id.call(IdentityPattern.DeviceSet, { body: { id: 'apns-1', type: 'apns' } }, user.session)).toEqual({});
    await id.call(IdentityPattern.DeviceSet, { body: { id: 'gcm-1', type: 'gcm' } }, user.session);
    await id.call(IdentityPattern.DeviceSet, { body: { id: 'sand-1', type: 'apns_sandbox' } }, user.session);
    await id.call(IdentityPattern.DeviceSet, { body: { id: 'baidu-1', type: 'baidu', channel: 'ch-1' } }, user.session);
    await id.call(IdentityPattern.DeviceSet, { body: { id: 'gcm-1', type: 'gcm' } }, user.session); // idempotent
    expect(await devices(user.userId)).toEqual([
      { type: 'apns', device_id: 'apns-1', channel: '' }, { type: 'baidu', device_id: 'baidu-1', channel: 'ch-1' },
      { type: 'gcm', device_id: 'gcm-1', channel: '' }, { type: 'apns_sandbox', device_id: 'sand-1', channel: '' },
    ]);
    await id.call(IdentityPattern.DeviceSet, { body: { id: 'gcm-2', type: 'gcm', old_id: 'gcm-1' } }, user.session);
    await id.call(IdentityPattern.DeviceSet, { body: { id: 'baidu-2', type: 'baidu', channel: 'ch-2', old_id: 'baidu-1', old_channel: 'ch-1' } }, user.session);
    await id.call(IdentityPattern.DeviceRemove, { body: { id: 'sand-1' } }, user.session);
    expect(await devices(user.userId)).toEqual([
      { type: 'apns', device_id: 'apns-1', channel: '' }, { type: 'baidu', device_id: 'baidu-2', channel: 'ch-2' }, { type: 'gcm', device_id: 'gcm-2', channel: '' },
    ]);
  });

  it('moves a device token to the user who registers it last', async () => {
    const other = await emailUser(id, `dev2.${unique()}@bar.com`, 'secret-12');
    await id.call(IdentityPattern.DeviceSet, { body: { id: 'apns-1', type: 'apns' } }, other.session);
    expect(await devices(other.userId)).toEqual([{ type: 'apns', device_id: 'apns-1', channel: '' }]);
    expect((await devices(user.userId)).map((d) => d.device_id)).not.toContain('apns-1');
  });

  it.each([
    ['unknown type', { id: 'x', type: 'windows' }, ['type']],
    ['baidu without channel', { id: 'x', type: 'baidu' }, ['channel']],
    ['id not a string', { id: 5, type: 'gcm' }, ['id']],
    ['empty id', { id: '', type: 'gcm' }, ['id']],
    ['unknown field', { id: 'x', type: 'gcm', token: 'y' }, ['token']],
  ])('%s → invalid_input, nothing stored', async (_, body, fields) => {
    const before = await id.count('SELECT count(*) FROM identity.devices');
    const error = await id.fail(IdentityPattern.DeviceSet, { body }, user.session);
    expect((error.details as Array<{ field: string }>).map((d) => d.field)).toEqual(fields);
    expect(await id.count('SELECT count(*) FROM identity.devices')).toBe(before);
  });

  it('needs a session', async () => {
    expect(await id.fail(IdentityPattern.DeviceSet, { body: { id: 'x', type: 'gcm' } })).toMatchObject({ kind: 'unauthenticated' });
  });
});

describe('identity: geo', () => {
  it('answers the country of the client IP as the doc shows', async () => {
    expect(await id.call(IdentityPattern.GeoCurrentCountry, { ip: '91.185.64.113' })).toEqual({
      alpha2: 'RU', alpha3: 'RUS', iso: '643', name: 'Russian Federation', name_ru: 'Российская Федерация', name_zh: expect.any(String), type: 'matched',
    });
    expect(await id.call(IdentityPattern.GeoCurrentCountry, { ip: '8.8.8.8' })).toMatchObject({ alpha2: 'US', iso: '840', type: 'matched' });
  });

  it('falls back to the configured country for private or unknown addresses', async () => {
    expect(await id.call(IdentityPattern.GeoCurrentCountry, { ip: '127.0.0.1' })).toMatchObject({ alpha2: 'AU', alpha3: 'AUS', iso: '036', type: 'default' });
    expect(await id.call(IdentityPattern.GeoCurrentCountry, { ip: 'not-an-ip' })).toMatchObject({ alpha2: 'AU', type: 'default' });
  });

  it('answers geolocation of the ip in the body, else of the caller', async () => {
    const geo = await id.call<Record<string, any>>(IdentityPattern.GeoGeolocation, { body: { ip: '91.185.64.113' }, ip: '127.0.0.1' });
    expect(geo).toMatchObject({
      continent_code: 'EU', continent_name: 'Europe', country_code: 'RU', country_name: 'Russia', ip: '91.185.64.113',
      latitude: expect.any(Number), longitude: expect.any(Number), type: 'ipv4',
      location: { calling_code: '7', capital: 'Moscow', country_flag_emoji: '🇷🇺', country_flag_emoji_unicode: 'U+1F1F7 U+1F1FA', is_eu: false, languages: [{ code: 'ru', name: 'Russian', native: 'Русский' }] },
    });
    expect(await id.call(IdentityPattern.GeoGeolocation, { ip: '8.8.8.8' })).toMatchObject({ ip: '8.8.8.8', country_code: 'US', continent_code: 'NA' });
    expect(await id.call(IdentityPattern.GeoGeolocation, { query: { ip: '2a02:6b8::1' } })).toMatchObject({ country_code: 'RU', type: 'ipv6' });
  });

  it('refuses a bad ip with 400 and an unknown location with 404', async () => {
    expect(await id.fail(IdentityPattern.GeoGeolocation, { body: { ip: '999.1.1.1' } })).toMatchObject({ kind: 'invalid_input', details: [{ field: 'ip' }] });
    expect(await id.fail(IdentityPattern.GeoGeolocation, { body: { ip: 42 } })).toMatchObject({ kind: 'invalid_input' });
    expect(await id.fail(IdentityPattern.GeoGeolocation, { body: { ip: '10.0.0.1' } })).toMatchObject({ kind: 'not_found' });
  });
});

describe('identity: phone sign-up with the dev outbox', () => {
  it('writes the SMS to OUTBOX_DIR and activates with its code', async () => {
    const phone = `+6140${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    await id.call(IdentityPattern.AccountCreate, { body: { reg_type: 'phone', phone, password: 'phone-pass' } });
    expect(outboxSms(id.outboxDir, phone)).toEqual([expect.objectContaining({ to: phone, body: expect.stringMatching(/activation code is \d{5}$/) })]);
    const code = lastSmsCode(id.outboxDir, phone)!;
    expect(await id.call(IdentityPattern.PhoneVerifyCode, { body: { phone, code } })).toMatchObject({ phone, phone_verified: true });
  });
});

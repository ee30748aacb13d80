import { jest } from '@jest/globals';
import { firstValueFrom } from 'rxjs';
import { RedisStreamsClient } from '#libs/transport';
import type { UserStatsEvent } from '#libs/contracts';
import { type IdentityHarness, startIdentity } from './identity-process.js';
import { activeUser, signInAdmin, type SignedIn, unique } from './blocks-support.js';
import { Events, IdentityPattern } from '#libs/contracts';

jest.setTimeout(60_000);

let id: IdentityHarness;
let admin: SignedIn;
let events: RedisStreamsClient;
const tag = unique();
const users: SignedIn[] = [];

interface Page { count: number; data: Record<string, any>[] }
const search = (body: Record<string, unknown>) => id.call<Page>(IdentityPattern.UsersGet, { body: { email: tag, ...body } }, admin.session);

async function emitStats(event: UserStatsEvent): Promise<void> {
  await firstValueFrom(events.emit(Events.UserStats, event), { defaultValue: null });
}

beforeAll(async () => {
  id = await startIdentity();
  admin = await signInAdmin(id);
  events = new RedisStreamsClient({ url: process.env.TEST_REDIS_URL!, caller: 'rewards' });
  const people = [
    { first_name: 'Anna', last_name: 'Zed', gender: 'female', city: 'Melbourne', phone: '+61400000001' },
    { first_name: 'Boris', last_name: 'Young', gender: 'male', city: 'Moscow', phone: '+79280000002' },
    { first_name: 'Chen', last_name: 'Xu', gender: 'male', city: 'Beijing', phone: '+86130000003' },
  ];
  for (const [i, p] of people.entries()) users.push(await activeUser(id, `u${i}.${tag}@example.com`, 'search-pass-1', p));
  await emitStats({ userId: users[0].userId, set: { total_scans: 13, level: 'gold', total_balance: '2950000000000000000000', last_access: new Date(Date.now() - 3 * 86_400_000).toISOString() } });
  await emitStats({ userId: users[1].userId, set: { total_scans: 2, level: 'basic', total_balance: '5000000000000000000', last_access: new Date(Date.now() - 10 * 86_400_000).toISOString() } });
  await emitStats({ userId: users[0].userId, add: { total_reviews_accepted: 3 }, day: '2019-03-01' });
  await emitStats({ userId: users[0].userId, add: { total_reviews_accepted: 2 }, day: '2019-03-02' });
  await emitStats({ userId: users[1].userId, add: { total_reviews_accepted: 50 }, day: '2019-05-01' });
  await emitStats({ userId: users[2].userId, add: { total_reviews_accepted: 1 }, day: '2020-01-01' });
  await emitStats({ userId: users[2].userId, set: { not_a_column: 1, 'level; DROP TABLE x': 'gold' } as never });
  await id.db.query(`INSERT INTO identity.devices (type, device_id, user_id) VALUES ('gcm', $1, $2)`, [`dev-${tag}`, users[1].userId]);
  await id.db.query('UPDATE identity.users SET blocked_at = now() WHERE id = $1', [users[2].userId]);
  // Events are asynchronous: wait until the last one is applied.
  for (let i = 0; i < 100 && (await id.count(`SELECT count(*) FROM identity.user_stat_days WHERE user_id = $1`, [users[2].userId])) === 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
});
afterAll(async () => { await events?.close(); await id?.stop(); });

describe('identity: POST /users/get (sys-admin)', () => {
  it('lists with count, statistics and no secrets', async () => {
    const page = await search({ order_by: 'first_name', order_type: 'asc' });
    expect(page.count).toBe(3);
    expect(page.data.map((u) => u.first_name)).toEqual(['Anna', 'Boris', 'Chen']);
    const anna = page.data[0];
    expect(anna).toMatchObject({
      id: users[0].userId, reg_type: 'email', level: 'gold', total_scans: 13, total_balance: '2950000000000000000000',
      total_reviews_accepted: 5, permanent_ban_status: 'inactive', rewards_ban_status: 'inactive', linked_email_flag: 1, linked_fb_flag: 0,
      total_days_from_last_access: 3, device: [], total_cashout_value_usd: 0, brand_rewarded_widget_video: 0, merge_into: null,
    });
    expect(anna.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(page.data[1].device).toEqual(['android']);
    expect(page.data[2].permanent_ban_status).toBe('active');
    const text = JSON.stringify(page);
    expect(text).not.toMatch(/argon2|password|code_hash|resend_token/);
  });

  it('filters: substrings, exact, ranges, devices, bans, levels, dates', async () => {
    const ids = async (body: Record<string, unknown>) => (await search({ ...body, order_by: 'first_name', order_type: 'asc' })).data.map((u) => u.first_name);
    expect(await ids({ first_name: 'nn' })).toEqual(['Anna']);
    expect(await ids({ phone: '9280' })).toEqual(['Boris']);
    expect(await ids({ city: 'BEI' })).toEqual(['Chen']);
    expect(await ids({ gender: 'male' })).toEqual(['Boris', 'Chen']);
    expect(await ids({ total_scans_from: 5 })).toEqual(['Anna']);
    expect(await ids({ total_scans_to: 5 })).toEqual(['Boris', 'Chen']);
    expect(await ids({ total_balance_from: '1000000000000000000000' })).toEqual(['Anna']);
    expect(await ids({ level: 'basic' })).toEqual(['Boris', 'Chen']);
    expect(await ids({ device: 'android' })).toEqual(['Boris']);
    expect(await ids({ permanent_ban_status: 'active' })).toEqual(['Chen']);
    expect(await ids({ permanent_ban_status: 'inactive' })).toEqual(['Anna', 'Boris']);
    expect(await ids({ last_access_from: '2000-01-01T00-00-00Z' })).toEqual(['Anna', 'Boris']);
    expect(await ids({ last_access_from: new Date(Date.now() - 5 * 86_400_000).toISOString() })).toEqual(['Anna']);
    expect(await ids({ created_from: '2000-01-01T00-00-00Z', created_to: '2999-01-01T00-00-00Z' })).toEqual(['Anna', 'Boris', 'Chen']);
    expect(await ids({ total_days_from_last_access_from: 2, total_days_from_last_access_to: 4 })).toEqual(['Anna']);
    expect(await ids({ linked_email_flag: true })).toEqual(['Anna', 'Boris', 'Chen']);
    expect(await ids({ linked_vk_flag: true })).toEqual([]);
    expect(await ids({ first_name: '%' })).toEqual([]);
  });

  it('date_and_quantity: the sum within the dates, within the values', async () => {
    const names = async (q: Record<string, unknown>) => (await search({ total_reviews_accepted: q, order_by: 'first_name', order_type: 'asc' })).data.map((u) => u.first_name);
    expect(await names({ date_from: '2019-01-01', date_to: '2019-12-01', value_from: 1, value_to: 44 })).toEqual(['Anna']);
    expect(await names({ date_from: '2019-01-01', date_to: '2019-12-01', value_from: 1 })).toEqual(['Anna', 'Boris']);
    expect(await names({ date_from: '2019-03-02', date_to: '2019-03-02', value_from: 2, value_to: 2 })).toEqual(['Anna']);
    expect(await names({ date_from: '2019-01-01', date_to: '2019-12-31', value_to: 0 })).toEqual(['Chen']);
  });

  it('orders, pages and counts', async () => {
    const desc = await search({ order_by: 'total_scans', order_type: 'desc', limit: 2 });
    expect(desc.count).toBe(3);
    expect(desc.data.map((u) => u.first_name)).toEqual(['Anna', 'Boris']);
    const next = await search({ order_by: 'total_scans', order_type: 'desc', limit: 2, offset: 2 });
    expect(next.data.map((u) => u.first_name)).toEqual(['Chen']);
    expect((await search({ order_by: 'last_name', order_type: 'asc' })).data.map((u) => u.last_name)).toEqual(['Xu', 'Young', 'Zed']);
    // Users never seen (no last_access) sort as PostgreSQL sorts NULLs: here, only users seen at all.
    const seen = { last_access_from: '2000-01-01T00-00-00Z', order_by: 'total_days_from_last_access' };
    expect((await search({ ...seen, order_type: 'asc' })).data.map((u) => u.first_name)).toEqual(['Anna', 'Boris']);
    expect((await search({ ...seen, order_type: 'desc' })).data.map((u) => u.first_name)).toEqual(['Boris', 'Anna']);
    expect((await search({ order_by: 'device', order_type: 'asc', limit: 1 })).data[0].first_name).toBe('Boris');
  });

  it('counts statistics-only filters over every user', async () => {
    const page = await id.call<Page>(IdentityPattern.UsersGet, { body: { total_scans_from: 13, total_scans_to: 13, limit: 1000 } }, admin.session);
    const expected = await id.count('SELECT count(*) FROM identity.users u JOIN identity.user_stats s ON s.user_id = u.id WHERE s.total_scans = 13');
    expect(page.count).toBe(expected);
    expect(page.count).toBeGreaterThanOrEqual(1);
    expect(page.data.map((u) => u.id)).toContain(users[0].userId);
  });

  it('reads one profile by id', async () => {
    const profile = await id.call<Record<string, unknown>>(IdentityPattern.UsersGet, { body: { id: users[0].userId } }, admin.session);
    expect(profile).toMatchObject({ id: users[0].userId, first_name: 'Anna', email: `u0.${tag}@example.com`, level: 'gold', coins: '2950000000000000000000', roles: ['user'], service: 'email',
      settings: { notify_on_buddies: true } });
    expect(JSON.stringify(profile)).not.toMatch(/argon2|password/);
    expect(await id.fail(IdentityPattern.UsersGet, { body: { id: 'urn:authenticateit:user:email:ghost@x.test' } }, admin.session)).toMatchObject({ kind: 'not_found' });
  });

  it('refuses non-admins and bad input with per-field details', async () => {
    expect(await id.fail(IdentityPattern.UsersGet, { body: {} }, users[0].session)).toMatchObject({ kind: 'forbidden' });
    for (const body of [{ order_by: 'password_hash' }, { order_type: 'sideways' }, { limit: 0 }, { limit: 5000 }, { offset: -1 }, { total_scans_from: -3 },
      { level: 'diamond' }, { created_from: 'yesterday' }, { device: 'nokia' }, { secret_column: 1 }, { total_reviews_accepted: { date_from: 'x' } },
      { email: 42 }, { linked_fb_flag: 'yes' }, { id: 'x' }]) {
      const error = await id.fail(IdentityPattern.UsersGet, { body }, admin.session);
      expect(error).toMatchObject({ kind: 'invalid_input' });
    }
    const error = await id.fail(IdentityPattern.UsersGet, { body: { order_by: 'nope', limit: 'ten' } }, admin.session);
    expect((error.details as { field: string }[]).map((d) => d.field).sort()).toEqual(['limit', 'order_by']);
  });
});

import { jest } from '@jest/globals';
import { firstValueFrom } from 'rxjs';
import { RedisStreamsClient } from '#libs/transport';
import { Events, IdentityPattern, type UserStatsEvent, type UserStatsValues } from '#libs/contracts';
import { ROUTE_DOCS } from '../../apps/gateway/src/openapi/examples.js';
import { type IdentityHarness, startIdentity } from './identity-process.js';
import { activeUser, signInAdmin, type SignedIn, unique } from './blocks-support.js';

jest.setTimeout(60_000);

let id: IdentityHarness;
let admin: SignedIn;
let events: RedisStreamsClient;
const tag = unique();
const users: SignedIn[] = [];
const COIN = 10n ** 18n;

interface Page { count: number; data: Record<string, any>[] }
const search = (body: Record<string, unknown>) => id.call<Page>(IdentityPattern.UsersGet, { body: { email: tag, ...body } }, admin.session);
const profile = (userId: string) => id.call<Record<string, unknown>>(IdentityPattern.UsersGet, { body: { id: userId } }, admin.session);

/** Complete parts as rewards sends them (UserStatsReader), zero unless given. */
const ZERO: UserStatsValues = {
  coins: { total_balance: '0', account_balance: '0', total_uncollected_coins: '0', total_scans_with_uncollected_coins: 0 },
  scans: { total_scans: 0, total_days_with_scans: 0 },
  cashouts: {
    total_cashout_transactions: 0, total_cashout_value_shping: '0', total_linked_bank_accounts: 0, total_cashout_value_usd: 0, total_cashout_value_aud: 0,
    total_cashout_value_sgd: 0, total_cashout_value_rub: 0, total_erc20_transactions: 0, total_erc20_value_shping: '0', total_erc20_accounts: 0,
  },
  buddies: { total_buddies: 0 },
  widgets: {},
  level: { level: 'basic' },
  ban: { rewards_ban_from: null, rewards_ban_to: null },
  reviews: { total_reviews_accepted: {}, total_reviews_deleted: {}, total_reviews_rejected: {}, total_reviews_pending: {} },
  invitations: { total_buddies_invitations_sent: {}, total_buddies_invitations_accepted: {}, total_buddies_received_invitations_accepted: {} },
};
let version = 0;
const part = <P extends keyof UserStatsValues>(name: P, values: Partial<UserStatsValues[P]>) => ({ [name]: { ...ZERO[name], ...values } });

async function emitStats(event: UserStatsEvent): Promise<void> {
  await firstValueFrom(events.emit(Events.UserStats, event), { defaultValue: null });
}
const snapshot = (userId: string, parts: Partial<UserStatsValues>, v = ++version) => emitStats({ userId, version: String(v), parts });

async function eventually(check: () => Promise<void>, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try { return await check(); } catch (error) { if (Date.now() > until) throw error; }
    await new Promise((r) => setTimeout(r, 25));
  }
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
  const [anna, boris, chen] = users.map((u) => u.userId);
  await snapshot(anna, { ...part('coins', { total_balance: (2950n * COIN).toString(), account_balance: (2950n * COIN).toString() }),
    ...part('scans', { total_scans: 13, total_days_with_scans: 4 }), ...part('level', { level: 'gold' }),
    ...part('reviews', { total_reviews_accepted: { '2019-03-01': 3, '2019-03-02': 2 } }) });
  // Boris's reviews straddle 2019 on both sides: only the day inside counts for a 2019 range.
  await snapshot(boris, { ...part('coins', { total_balance: (5n * COIN).toString() }), ...part('scans', { total_scans: 2, total_days_with_scans: 1 }),
    ...part('reviews', { total_reviews_accepted: { '2018-12-31': 7, '2019-05-01': 50, '2020-02-01': 1 } }) });
  await snapshot(chen, { ...part('reviews', { total_reviews_accepted: { '2020-01-01': 1 } }) });
  await emitStats({ userId: chen, version: String(++version), parts: { coins: { total_balance: 'lots' }, 'level; DROP TABLE x': { level: 'gold' } } as never });
  // Sign-ins of some days ago, an Android device, a permanent block, a registration 65 days ago.
  await id.db.query(`UPDATE identity.user_search SET last_access = now() - interval '3 days' WHERE user_id = $1`, [anna]);
  await id.db.query(`UPDATE identity.user_search SET last_access = now() - interval '10 days' WHERE user_id = $1`, [boris]);
  await id.db.query(`UPDATE identity.user_search SET last_access = NULL WHERE user_id = $1`, [chen]);
  await id.db.query(`INSERT INTO identity.devices (type, device_id, user_id) VALUES ('gcm', $1, $2)`, [`dev-${tag}`, boris]);
  await id.db.query('UPDATE identity.users SET blocked_at = now() WHERE id = $1', [chen]);
  await id.db.query(`UPDATE identity.users SET created_at = now() - interval '65 days' WHERE id = $1`, [anna]);
  await eventually(async () => expect(await id.count(`SELECT count(*) FROM identity.user_search WHERE user_id = ANY($1) AND v_reviews > 0`, [[anna, boris, chen]])).toBe(3));
});
afterAll(async () => { await events?.close(); await id?.stop(); });

describe('identity: POST /users/get (sys-admin)', () => {
  it('lists with count, statistics and no secrets', async () => {
    const page = await search({ order_by: 'first_name', order_type: 'asc' });
    expect(page.count).toBe(3);
    expect(page.data.map((u) => u.first_name)).toEqual(['Anna', 'Boris', 'Chen']);
    const anna = page.data[0];
    expect(anna).toMatchObject({
      id: users[0].userId, reg_type: 'email', level: 'gold', total_scans: 13, total_balance: '2950000000000000000000', account_balance: '2950000000000000000000',
      total_reviews_accepted: 5, permanent_ban_status: 'inactive', rewards_ban_status: 'inactive', linked_email_flag: 1, linked_fb_flag: 0,
      total_days_from_last_access: 3, device: [], total_cashout_value_usd: 0, brand_rewarded_widget_video: 0, merge_into: null,
      // As the doc's example: 4 days with scans of 66 since registration.
      total_days_with_scans: 4, total_days_without_scans: 62, total_active_days_ratio: 6, total_inactive_days_ratio: 94, total_avearage_scans_per_active_day: 3.25,
    });
    expect(anna.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(page.data[1].device).toEqual(['android']);
    expect(page.data[1].total_reviews_accepted).toBe(58);
    expect(page.data[2].permanent_ban_status).toBe('active');
    expect(page.data[2].total_balance).toBe('0'); // the malformed snapshot changed nothing
    const text = JSON.stringify(page);
    expect(text).not.toMatch(/argon2|password|code_hash|resend_token/);
  });

  it('answers every key of the doc\'s examples, with the documented types (null where we hold no value)', async () => {
    const docs = ROUTE_DOCS['38'].responses as Record<string, any>;
    const row = (await search({ order_by: 'first_name', order_type: 'asc', limit: 1 })).data[0];
    const one = await profile(users[0].userId);
    for (const [doc, ours] of [[docs['Example Response'].data[0], row], [docs['Example Response 2'], one]] as const) {
      const missing = Object.keys(doc).filter((k) => !(k in ours));
      expect(missing).toEqual([]);
      const typed = Object.keys(doc).filter((k) => ours[k] !== null && doc[k] !== null && typeof ours[k] !== typeof doc[k]);
      expect(typed.map((k) => `${k}: ${typeof ours[k]} vs ${typeof doc[k]}`)).toEqual([]);
    }
    expect(one).toMatchObject({ coins: '2950000000000000000000', pending_coins: '0', service: 'email', level: 'gold', stripe_customer: null, age: null });
  });

  it('filters: substrings, exact, ranges, devices, bans, levels, dates, computed statistics', async () => {
    const ids = async (body: Record<string, unknown>) => (await search({ ...body, order_by: 'first_name', order_type: 'asc' })).data.map((u) => u.first_name);
    expect(await ids({ first_name: 'nn' })).toEqual(['Anna']);
    expect(await ids({ first_name: 'NN' })).toEqual(['Anna']);
    expect(await ids({ last_name: 'oun' })).toEqual(['Boris']);
    expect(await ids({ phone: '9280' })).toEqual(['Boris']);
    expect(await ids({ city: 'BEI' })).toEqual(['Chen']);
    expect(await ids({ city: 'nowhere' })).toEqual([]);
    expect(await ids({ gender: 'male' })).toEqual(['Boris', 'Chen']);
    expect(await ids({ total_scans_from: 5 })).toEqual(['Anna']);
    expect(await ids({ total_scans_to: 5 })).toEqual(['Boris', 'Chen']);
    expect(await ids({ total_balance_from: '1000000000000000000000' })).toEqual(['Anna']);
    expect(await ids({ level: 'basic' })).toEqual(['Boris', 'Chen']);
    expect(await ids({ device: 'android' })).toEqual(['Boris']);
    expect(await ids({ device: 'ios' })).toEqual([]);
    expect(await ids({ permanent_ban_status: 'active' })).toEqual(['Chen']);
    expect(await ids({ permanent_ban_status: 'inactive' })).toEqual(['Anna', 'Boris']);
    expect(await ids({ rewards_ban_status: 'inactive' })).toEqual(['Anna', 'Boris', 'Chen']);
    expect(await ids({ last_access_from: '2000-01-01T00-00-00Z' })).toEqual(['Anna', 'Boris']);
    expect(await ids({ last_access_from: new Date(Date.now() - 5 * 86_400_000).toISOString() })).toEqual(['Anna']);
    expect(await ids({ created_from: '2000-01-01T00-00-00Z', created_to: '2999-01-01T00-00-00Z' })).toEqual(['Anna', 'Boris', 'Chen']);
    expect(await ids({ created_to: new Date(Date.now() - 30 * 86_400_000).toISOString() })).toEqual(['Anna']);
    expect(await ids({ total_days_from_last_access_from: 2, total_days_from_last_access_to: 4 })).toEqual(['Anna']);
    expect(await ids({ total_days_without_scans_from: 60 })).toEqual(['Anna']);
    expect(await ids({ total_active_days_ratio_from: 50 })).toEqual(['Boris']);
    expect(await ids({ total_avearage_scans_per_active_day_from: 3 })).toEqual(['Anna']);
    expect(await ids({ linked_email_flag: true })).toEqual(['Anna', 'Boris', 'Chen']);
    expect(await ids({ linked_vk_flag: true })).toEqual([]);
    expect(await ids({ linked_vk_flag: false })).toEqual(['Anna', 'Boris', 'Chen']);
    expect(await ids({ first_name: '%' })).toEqual([]);
  });

  it('date_and_quantity: the sum within the dates, within the values, also for activity across the range\'s ends', async () => {
    const names = async (q: Record<string, unknown>) => (await search({ total_reviews_accepted: q, order_by: 'first_name', order_type: 'asc' })).data.map((u) => u.first_name);
    expect(await names({ date_from: '2019-01-01', date_to: '2019-12-01', value_from: 1, value_to: 44 })).toEqual(['Anna']);
    expect(await names({ date_from: '2019-01-01', date_to: '2019-12-01', value_from: 1 })).toEqual(['Anna', 'Boris']);
    expect(await names({ date_from: '2019-01-01', date_to: '2019-12-01', value_from: 50, value_to: 50 })).toEqual(['Boris']);
    expect(await names({ date_from: '2019-03-02', date_to: '2019-03-02', value_from: 2, value_to: 2 })).toEqual(['Anna']);
    expect(await names({ date_from: '2018-12-01', date_to: '2019-01-15', value_from: 7, value_to: 7 })).toEqual(['Boris']);
    expect(await names({ date_from: '2019-01-01', date_to: '2019-12-31', value_to: 0 })).toEqual(['Chen']);
    expect(await names({ value_from: 58 })).toEqual(['Boris']);
    expect(await names({ date_from: '2021-01-01', value_from: 1 })).toEqual([]);
    const counted = await search({ total_reviews_accepted: { date_from: '2019-01-01', date_to: '2019-12-01', value_from: 1 }, limit: 1 });
    expect(counted).toMatchObject({ count: 2 });
    expect(counted.data).toHaveLength(1);
  });

  it('applies a part only when its version is newer: redelivered and overtaken snapshots change nothing', async () => {
    const boris = users[1].userId;
    const balance = async () => (await profile(boris)).coins;
    const newer = ++version;
    await snapshot(boris, part('coins', { total_balance: (7n * COIN).toString() }), newer);
    await eventually(async () => expect(await balance()).toBe((7n * COIN).toString()));
    await snapshot(boris, part('coins', { total_balance: (6n * COIN).toString() }), newer - 1); // overtaken
    await snapshot(boris, part('coins', { total_balance: (7n * COIN).toString() }), newer); // redelivered
    const marker = ++version;
    await snapshot(users[2].userId, part('buddies', { total_buddies: 3 }), marker);
    await eventually(async () => expect((await search({ first_name: 'Chen' })).data[0].total_buddies).toBe(3));
    expect(await balance()).toBe((7n * COIN).toString());
    expect(await id.count('SELECT v_coins AS count FROM identity.user_search WHERE user_id = $1', [boris])).toBe(newer);
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
    expect((await search({ order_by: 'device', order_type: 'desc', limit: 1 })).data[0].first_name).toBe('Boris');
    expect((await search({ order_by: 'total_days_without_scans', order_type: 'desc', limit: 1 })).data[0].first_name).toBe('Anna');
    expect((await search({ order_by: 'linked_email_flag', order_type: 'asc', limit: 3 })).count).toBe(3);
  });

  it('counts exactly over every user, also without filters', async () => {
    const all = await id.call<Page>(IdentityPattern.UsersGet, { body: { limit: 1 } }, admin.session);
    expect(all.count).toBe(await id.count('SELECT count(*) FROM identity.users'));
    const page = await id.call<Page>(IdentityPattern.UsersGet, { body: { total_scans_from: 13, total_scans_to: 13, limit: 1000 } }, admin.session);
    expect(page.count).toBe(await id.count('SELECT count(*) FROM identity.user_search WHERE total_scans = 13'));
    expect(page.data.map((u) => u.id)).toContain(users[0].userId);
    const reviewed = await id.call<Page>(IdentityPattern.UsersGet, { body: { total_reviews_accepted: { value_from: 1 }, limit: 1 } }, admin.session);
    expect(reviewed.count).toBe(await id.count(`SELECT count(*) FROM identity.user_search WHERE total_reviews_accepted >= 1`));
    const none = await id.call<Page>(IdentityPattern.UsersGet, { body: { total_reviews_accepted: { value_to: 0 }, limit: 1 } }, admin.session);
    expect(none.count).toBe(await id.count(`SELECT count(*) FROM identity.user_search WHERE total_reviews_accepted = 0`));
  });

  it('reads one profile by id', async () => {
    const one = await profile(users[0].userId);
    expect(one).toMatchObject({ id: users[0].userId, first_name: 'Anna', email: `u0.${tag}@example.com`, level: 'gold', coins: '2950000000000000000000', roles: ['user'], service: 'email',
      settings: { notify_on_buddies: true } });
    expect(JSON.stringify(one)).not.toMatch(/argon2|password/);
    expect(await id.fail(IdentityPattern.UsersGet, { body: { id: 'urn:authenticateit:user:email:ghost@x.test' } }, admin.session)).toMatchObject({ kind: 'not_found' });
  });

  it('refuses non-admins and bad input with per-field details, also names of Object.prototype', async () => {
    expect(await id.fail(IdentityPattern.UsersGet, { body: {} }, users[0].session)).toMatchObject({ kind: 'forbidden' });
    for (const body of [{ order_by: 'password_hash' }, { order_type: 'sideways' }, { limit: 0 }, { limit: 5000 }, { offset: -1 }, { total_scans_from: -3 },
      { level: 'diamond' }, { created_from: 'yesterday' }, { device: 'nokia' }, { secret_column: 1 }, { total_reviews_accepted: { date_from: 'x' } },
      { email: 42 }, { linked_fb_flag: 'yes' }, { id: 'x' },
      { order_by: 'toString' }, { order_by: 'valueOf' }, { order_by: '__proto__' }, { order_by: 'constructor' }, { toString_from: 1 }, { valueOf_to: 1 },
      { ['__proto__']: 1 }, { hasOwnProperty: 'x' }, { device: 'toString' }, { constructor_from: 1 }]) {
      const error = await id.fail(IdentityPattern.UsersGet, { body }, admin.session);
      expect({ body, kind: error.kind }).toEqual({ body, kind: 'invalid_input' });
    }
    const error = await id.fail(IdentityPattern.UsersGet, { body: { order_by: 'nope', limit: 'ten' } }, admin.session);
    expect((error.details as { field: string }[]).map((d) => d.field).sort()).toEqual(['limit', 'order_by']);
  });
});

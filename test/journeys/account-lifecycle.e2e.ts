// A user's life across the services: known to rewards from registration on (admin reads before
// any scan), earning through scans over the transport, certificates from a shop; deletion and a
// returning person with the same login; block and unblock; merges of every pair of registration
// types.
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { CertificatesPattern, RewardsPattern } from '#libs/contracts';
import { GOOGLE_CLIENT_ID } from '../identity/oauth-support.js';
import { activationCodeFromMime } from '../identity/identity-process.js';
import { type SharedSystem, sharedSystem } from '../support/shared-system.js';
import { lastMailTo } from '../support/system.js';
import { activeUser, signIn, signInSystemAdmin, type SignedIn } from '../support/trust-callers.js';
import { caller, eventually, internalCaller } from './journey-support.js';

jest.setTimeout(180_000);

let sys: SharedSystem;
let call: ReturnType<typeof caller>;
let internal: ReturnType<typeof internalCaller>;
let admin: SignedIn;

beforeAll(async () => {
  sys = await sharedSystem();
  call = caller(sys);
  internal = internalCaller(sys, 'scanner');
  admin = await signInSystemAdmin(sys);
}, 180_000);
afterAll(async () => { await internal?.close(); await sys?.stop(); });

const isoNoMs = (d: Date) => d.toISOString().replace(/\.\d+Z$/, 'Z');
const adminRead = (path: string, body: Record<string, unknown>, expect: number | number[] = 200) => call('POST', `/identity-service${path}`, { ticket: admin.ticket, body, expect });

/** A scan reported by the scanning service; answers the claims it created. */
async function scan(userId: string, code = `460${Math.floor(Math.random() * 1e10)}`) {
  return internal.send<{ duplicate: boolean; claims: { id: string; coins: string }[] }>('rewards', RewardsPattern.Scan, {
    idempotency_key: randomUUID(), user_id: userId, code, product_name: 'Tea', event_ts: new Date().toISOString(),
  });
}

/** Scans once and approves the claim: the user earns that claim's coins. */
async function earn(userId: string): Promise<bigint> {
  const { claims } = await scan(userId);
  expect(claims.length).toBeGreaterThan(0);
  for (const claim of claims) await internal.send('rewards', RewardsPattern.ClaimDecide, { idempotency_key: randomUUID(), user_id: userId, claim_id: claim.id, status: 'approved' });
  return claims.reduce((sum, c) => sum + BigInt(c.coins), 0n);
}

async function approvedCoins(userId: string): Promise<bigint> {
  const rewards = await adminRead('/user/rewards', { id: userId, type: 'approved', limit: 1000 });
  return (rewards.body.data as { approved_coins: string }[]).reduce((sum, r) => sum + BigInt(r.approved_coins), 0n);
}

describe('registration: rewards knows the user before the first scan', () => {
  it('answers every admin read of a new user, and a rewards ban can be set and lifted', async () => {
    const user = await activeUser(sys, 'fresh');
    const id = user.userId;
    await eventually(() => adminRead('/user/scans', { id }));
    for (const [path, body] of [
      ['/user/rewards', { id, type: 'approved' }], ['/user/scans', { id }], ['/user/timeline', { id }], ['/user/buddies', { id }],
      ['/user/reminders', { id }], ['/user/transactions', { id }], ['/user/contributor_level', { id }], ['/user/level', { id }],
      ['/user/rewards_ban/get', { id }],
    ] as const) await adminRead(path, body);
    await adminRead('/user/rewards_ban/set', { id, reason: 'testing', to: isoNoMs(new Date(Date.now() + 86_400_000)) });
    expect((await scan(id)).claims).toEqual([]); // banned: no claim
    await adminRead('/user/rewards_ban/unset', { id });
    await adminRead('/user/timeline/message', { id, message: 'Welcome aboard', type: 'notification' });
    await new Promise((r) => setTimeout(r, 1_100)); // scans closer than 1 s apart start the automatic scan_interval ban
    expect((await scan(id)).claims.length).toBeGreaterThan(0);
  });
});

describe('deletion and a returning user', () => {
  const password = 'returning-pass-1';
  let first: SignedIn;

  it('the first account earns and holds a certificate from a shop', async () => {
    first = await activeUser(sys, 'returning', password);
    await eventually(() => adminRead('/user/scans', { id: first.userId }));
    expect(await earn(first.userId)).toBeGreaterThan(0n);
    await internal.send('certificates', CertificatesPattern.UserIssue, shopCertificate(first.userId, 'before-deletion'));
    const mine = await call('GET', '/users/certificates', { ticket: first.ticket });
    expect(mine.body.active).toHaveLength(1);
  });

  it('after deletion the id is unknown everywhere: no reads, no scans, no certificates', async () => {
    await call('DELETE', '/identity-service/account', { ticket: first.ticket });
    await call('GET', '/identity-service/account', { ticket: first.ticket, expect: 401 });
    await eventually(() => adminRead('/user/scans', { id: first.userId }, 404));
    expect(await internal.fail('rewards', RewardsPattern.Scan, { idempotency_key: randomUUID(), user_id: first.userId, code: '4601', event_ts: new Date().toISOString() }))
      .toMatchObject({ kind: 'not_found' });
    await eventually(async () => expect(await internal.fail('certificates', CertificatesPattern.UserIssue, shopCertificate(first.userId, 'after-deletion')))
      .toMatchObject({ kind: 'not_found' }));
  });

  it('registering again with the same email is a fresh account: it earns, and sees nothing of the old one', async () => {
    await call('POST', '/identity-service/account', { body: { email: first.email, password } });
    await call('GET', `/identity-service/account/activate/${activationCodeFromMime(lastMailTo(sys.outboxDir, first.email)!)}`);
    const back = await signIn(sys, first.email, password);
    expect(back.userId).toBe(first.userId);
    await eventually(() => adminRead('/user/scans', { id: back.userId }));
    expect((await adminRead('/user/scans', { id: back.userId })).body.data ?? []).toEqual([]);
    expect(await approvedCoins(back.userId)).toBe(0n);
    expect(await earn(back.userId)).toBeGreaterThan(0n);
    expect((await call('GET', '/users/certificates', { ticket: back.ticket })).body).toMatchObject({ active: [], archival: [] });
    await internal.send('certificates', CertificatesPattern.UserIssue, shopCertificate(back.userId, 'after-return'));
    expect((await call('GET', '/users/certificates', { ticket: back.ticket })).body.active).toHaveLength(1);
  });
});

describe('block and unblock', () => {
  it('a permanent block ends every session and refuses sign-in; unblocking lets the user back', async () => {
    const user = await activeUser(sys, 'blocked');
    const second = await signIn(sys, user.email, user.password);
    await call('POST', '/user/permanently_block/set', { ticket: admin.ticket, body: { id: user.userId } });
    for (const ticket of [user.ticket, second.ticket]) await call('GET', '/identity-service/account', { ticket, expect: 401 });
    await call('POST', '/identity-service/session', { body: { email: user.email, password: user.password }, expect: [401, 403] });
    expect((await call('POST', '/user/permanently_block/get', { ticket: admin.ticket, body: { id: user.userId } })).body).toMatchObject({ status: true });
    await call('POST', '/user/permanently_block/unset', { ticket: admin.ticket, body: { id: user.userId } });
    await signIn(sys, user.email, user.password);
  });
});

/** An account of the given registration type, signed in. */
async function accountOf(type: string): Promise<SignedIn> {
  const n = randomUUID().slice(0, 8);
  if (type === 'email') return activeUser(sys, `merge-${n}`);
  if (type === 'phone') {
    const phone = `+7928${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    await call('POST', '/identity-service/account', { body: { reg_type: 'phone', phone, password: 'merge-phone-1' } });
    const sms = readdirSync(sys.outboxDir).filter((f) => f.endsWith('.sms.json')).sort().map((f) => JSON.parse(readFileSync(`${sys.outboxDir}/${f}`, 'utf8')))
      .filter((m: { to: string }) => m.to === phone).pop();
    await call('POST', '/identity-service/account/phone/verify_code', { body: { phone, code: /(\d{4,8})\s*$/.exec(sms.body)![1] } });
    const s = await call('POST', '/identity-service/session', { body: { phone, password: 'merge-phone-1' } });
    return { userId: s.body.id, email: '', password: 'merge-phone-1', ticket: s.body.ticket, currentParticipant: s.body.current_participant, roles: s.body.roles };
  }
  const body = await oauthBody(type, n);
  const s = await call('POST', '/identity-service/account/oauth', { body });
  return { userId: s.body.id, email: '', password: '', ticket: s.body.ticket, currentParticipant: s.body.current_participant, roles: s.body.roles };
}

async function oauthBody(type: string, n: string): Promise<Record<string, unknown>> {
  const id = String(Math.floor(Math.random() * 9e14) + 1e14);
  switch (type) {
    case 'facebook': await sys.oauth.register('facebook', `fb-${n}`, { id, name: 'Face Book' }); return { service: 'facebook', access_token: `fb-${n}` };
    case 'google': return { service: 'google', id_token: await sys.oauth.googleToken({ iss: 'https://accounts.google.com', sub: id, aud: GOOGLE_CLIENT_ID, email: `g${n}@gmail.test`, email_verified: true }) };
    case 'instagram': await sys.oauth.register('instagram', `ig-${n}`, { id, username: `ig${n}` }); return { service: 'instagram', code: `ig-${n}` };
    case 'twitter': await sys.oauth.register('twitter', `tw-${n}`, { id_str: id, name: 'Tw' }, 'tw-user-secret'); return { service: 'twitter', oauth_token: `tw-${n}`, oauth_token_secret: 'tw-user-secret' };
    case 'vk': await sys.oauth.register('vk', `vk-${n}`, { id: Number(id.slice(0, 12)), first_name: 'V', last_name: 'K' }); return { service: 'vk', code: `vk-${n}` };
    case 'wechat': await sys.oauth.register('wechat', `wx-${n}`, { openid: `o${id}`, nickname: 'W' }); return { service: 'wechat', code: `wx-${n}` };
    default: throw new Error(`no such registration type ${type}`);
  }
}

const TYPES = ['email', 'phone', 'facebook', 'google', 'instagram', 'twitter', 'vk', 'wechat'];
const PAIRS = TYPES.flatMap((a, i) => TYPES.slice(i + 1).map((b) => [a, b] as const));

describe('merge of every pair of registration types', () => {
  it.each(PAIRS)('%s primary, %s secondary: coins and claims move once, the secondary signs in as the primary', async (primaryType, secondaryType) => {
    const primary = await accountOf(primaryType);
    const secondary = await accountOf(secondaryType);
    await eventually(() => adminRead('/user/scans', { id: secondary.userId }));
    const before = await earn(primary.userId);
    const moved = await earn(secondary.userId);
    await call('POST', '/identity-service/account/merge', { ticket: primary.ticket, body: { secondary_ticket: secondary.ticket }, expect: [200, 204] });
    await call('GET', '/identity-service/account', { ticket: secondary.ticket, expect: 401 });
    const merged = await call('GET', '/identity-service/account/merge', { ticket: primary.ticket });
    expect(merged.body.users).toEqual([expect.objectContaining({ id: secondary.userId })]);
    await eventually(async () => expect(await approvedCoins(primary.userId)).toBe(before + moved));
    await adminRead('/user/scans', { id: secondary.userId }, 404);
    // The same merge again is refused (the secondary's sessions ended) and moves nothing twice.
    await call('POST', '/identity-service/account/merge', { ticket: primary.ticket, body: { secondary_ticket: secondary.ticket }, expect: [400, 404, 409] });
    expect(await approvedCoins(primary.userId)).toBe(before + moved);
  });
});

function shopCertificate(userId: string, tag: string) {
  const store = Math.floor(Math.random() * 1e6) + 1;
  return {
    issue_key: `${tag}-${randomUUID()}`, user_id: userId,
    item: {
      id: `item-${store}`, name: 'Gift card', price: 10, end_time: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      store: { id: store, participant_id: 'urn:authenticateit:participant:1', name: `Shop ${store}` },
    },
  };
}

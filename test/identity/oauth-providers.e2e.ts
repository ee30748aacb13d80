import { jest } from '@jest/globals';
import { generateKeyPair, SignJWT } from 'jose';
import { type IdentityHarness, startIdentity } from './identity-process.js';
import { unique } from './blocks-support.js';
import { GOOGLE_CLIENT_ID, type OAuthStandins, startOAuthStandins } from './oauth-support.js';
import { IdentityPattern } from '#libs/contracts';

jest.setTimeout(60_000);

let id: IdentityHarness;
let standins: OAuthStandins;
beforeAll(async () => {
  standins = await startOAuthStandins();
  id = await startIdentity(standins.env);
});
afterAll(async () => { await id?.stop(); await standins?.stop(); });

interface OAuthAnswer { id: string; new_user: boolean; merged_user: boolean; name: string; roles: string[]; ticket: string }
const oauth = (body: Record<string, unknown>, contentType = 'application/json') => id.call<OAuthAnswer>(IdentityPattern.AccountOauth, { body, contentType });
const oauthFails = (body: Record<string, unknown>) => id.fail(IdentityPattern.AccountOauth, { body });
const user = async (userId: string) => (await id.db.query('SELECT * FROM identity.users WHERE id = $1', [userId])).rows[0];

// The session name is the first name, as for password sign-in (accounts' displayName).
describe('identity: OAuth sign-in per provider', () => {
  it('facebook: Graph /me with access_token creates the account once, then signs in', async () => {
    const fbId = `1153${Date.now()}`;
    await standins.register('facebook', `fb-${fbId}`, { id: fbId, name: 'John Doe', email: 'John.Doe@FB.test', gender: 'male', birthday: '07/01/1990', locale: 'en_US' });
    const first = await oauth({ service: 'facebook', access_token: `fb-${fbId}`, country: '036', language: 'en' });
    expect(first).toMatchObject({ id: `urn:authenticateit:user:facebook:${fbId}`, new_user: true, merged_user: false, name: 'John', roles: ['user'] });
    expect(first.ticket).toMatch(/^[0-9a-f-]{36}$/);
    expect(await id.tickets.lookup(first.ticket)).toMatchObject({ userId: first.id, roles: ['user'] });
    expect(await user(first.id)).toMatchObject({ reg_type: 'facebook', email: 'john.doe@fb.test', first_name: 'John', last_name: 'Doe',
      gender: 'male', birthdate: '1990-07-01', country: '036', language: 'en', password_hash: null });
    // Form-encoded with the `token` alias: same account, not new.
    const again = await oauth({ service: 'facebook', token: `fb-${fbId}` }, 'application/x-www-form-urlencoded');
    expect(again).toMatchObject({ id: first.id, new_user: false, merged_user: false });
    expect(again.ticket).not.toBe(first.ticket);
    expect(await id.count('SELECT count(*) FROM identity.users WHERE id = $1', [first.id])).toBe(1);
  });

  it('google: id_token checked against the JWKS, issuer and audience', async () => {
    const sub = `10${Date.now()}`;
    const claims = { iss: 'https://accounts.google.com', aud: GOOGLE_CLIENT_ID, sub, email: `g${sub}@gmail.test`, email_verified: true, given_name: 'Gina', family_name: 'Goo' };
    const answer = await oauth({ service: 'google', id_token: await standins.googleToken(claims) });
    expect(answer).toMatchObject({ id: `urn:authenticateit:user:google:${sub}`, new_user: true, name: 'Gina' });
    expect(await user(answer.id)).toMatchObject({ email: `g${sub}@gmail.test`, reg_type: 'google' });

    const rejected = [
      await standins.googleToken({ ...claims, aud: 'someone-else.apps.googleusercontent.com' }),
      await standins.googleToken({ ...claims, iss: 'https://evil.example.com' }),
      await standins.googleToken(claims, '-10m'),
    ];
    // Signed by a key that is not in the JWKS.
    const { privateKey } = await generateKeyPair('RS256');
    rejected.push(await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'other' }).setIssuedAt().setExpirationTime('1h').sign(privateKey));
    const [header, payload] = rejected[0].split('.');
    rejected.push(`${header}.${payload}.${'A'.repeat(43)}`);
    for (const token of rejected) {
      expect(await oauthFails({ service: 'google', id_token: token })).toMatchObject({ kind: 'unauthenticated', message: "Can't read profile by token" });
    }
    expect(await oauthFails({ service: 'google', access_token: 'not-an-id-token' })).toMatchObject({ kind: 'invalid_input', message: 'Token not found' });
  });

  it('instagram: code exchanged for an access token, or the access token directly', async () => {
    const igId = `17${Date.now()}`;
    await standins.register('instagram', `code-${igId}`, { id: igId, username: 'insta.user', name: 'Insta' });
    const answer = await oauth({ service: 'instagram', code: `code-${igId}` });
    expect(answer).toMatchObject({ id: `urn:authenticateit:user:instagram:${igId}`, new_user: true, name: 'Insta' });
    // The code is single use at the provider.
    expect(await oauthFails({ service: 'instagram', code: `code-${igId}` })).toMatchObject({ message: "Can't read profile by token" });
    await standins.register('instagram', `token-${igId}`, { id: igId, username: 'insta.user' });
    expect(await oauth({ service: 'instagram', access_token: `token-${igId}` })).toMatchObject({ id: answer.id, new_user: false });
  });

  it('twitter: OAuth 1.0a signed verify_credentials', async () => {
    const twId = `9${Date.now()}`;
    await standins.register('twitter', `tok-${twId}`, { id_str: twId, name: 'Tweety Bird', email: 'tweety@tw.test' }, 'user-secret');
    const answer = await oauth({ service: 'twitter', oauth_token: `tok-${twId}`, oauth_token_secret: 'user-secret' });
    expect(answer).toMatchObject({ id: `urn:authenticateit:user:twitter:${twId}`, new_user: true, name: 'Tweety' });
    expect(await oauthFails({ service: 'twitter', oauth_token: `tok-${twId}`, oauth_token_secret: 'wrong-secret' }))
      .toMatchObject({ kind: 'unauthenticated', message: "Can't read profile by token" });
    expect(await oauthFails({ service: 'twitter', oauth_token: `tok-${twId}` })).toMatchObject({ message: 'Token not found' });
  });

  it('vk: code exchange with the configured redirect URI, then users.get', async () => {
    const vkId = Number(String(Date.now()).slice(-9));
    await standins.register('vk', `vk-code-${vkId}`, { id: vkId, first_name: 'Ivan', last_name: 'Petrov', sex: 2, bdate: '3.7.1985', email: 'ivan@vk.test' });
    const answer = await oauth({ service: 'vk', code: `vk-code-${vkId}` });
    expect(answer).toMatchObject({ id: `urn:authenticateit:user:vk:${vkId}`, new_user: true, name: 'Ivan' });
    expect(await user(answer.id)).toMatchObject({ gender: 'male', birthdate: '1985-07-03', email: 'ivan@vk.test' });
    expect(await oauthFails({ service: 'vk', code: 'never-issued' })).toMatchObject({ message: "Can't read profile by token" });
    expect(await oauthFails({ service: 'vk', access_token: 'x' })).toMatchObject({ message: 'Token not found' });
  });

  it('wechat: code exchange, errors reported as errcode', async () => {
    const openid = `oWx${unique()}`;
    await standins.register('wechat', `wx-${openid}`, { openid, unionid: `u-${openid}`, nickname: 'Li Lei', sex: 1, headimgurl: 'https://wx.test/a.png' });
    const answer = await oauth({ service: 'wechat', code: `wx-${openid}` });
    expect(answer).toMatchObject({ id: `urn:authenticateit:user:wechat:u-${openid}`, new_user: true, name: 'Li' });
    expect(await oauthFails({ service: 'wechat', code: 'bad-code' })).toMatchObject({ kind: 'unauthenticated', message: "Can't read profile by token" });
  });
});

describe('identity: OAuth errors as the doc lists them', () => {
  it('unknown service, missing token, provider rejections, bad JSON, provider down', async () => {
    expect(await oauthFails({ service: 'myspace', access_token: 'x' })).toMatchObject({ kind: 'invalid_input', message: 'service contains unavailable value' });
    expect(await oauthFails({ access_token: 'x' })).toMatchObject({ kind: 'invalid_input', message: 'service contains unavailable value' });
    expect(await oauthFails({ service: 'facebook' })).toMatchObject({ kind: 'invalid_input', message: 'Token not found' });
    expect(await oauthFails({ service: 'facebook', access_token: 'revoked' })).toMatchObject({ kind: 'unauthenticated', message: "Can't read profile by token" });
    expect(await oauthFails({ service: 'facebook', access_token: 'garbage' })).toMatchObject({ kind: 'unavailable', message: 'Invalid json data from host' });
    expect(await oauthFails({ service: 'facebook', access_token: 'down' })).toMatchObject({ kind: 'unavailable', message: 'Oauth server is not available' });
    await standins.register('facebook', 'no-id', { name: 'Nobody' });
    expect(await oauthFails({ service: 'facebook', access_token: 'no-id' })).toMatchObject({ message: 'Cant read data for fill profile' });
    expect(await oauthFails({ service: 'facebook', access_token: 5 })).toMatchObject({ kind: 'invalid_input' });
    expect(await oauthFails({ service: 'facebook', access_token: 'x', admin: true })).toMatchObject({ kind: 'invalid_input' });
  });

  it('a provider that does not answer at all is "Oauth server is not available"', async () => {
    const down = await startIdentityWith({ FACEBOOK_GRAPH_URL: 'http://127.0.0.1:9/facebook' });
    try {
      expect(await down.fail(IdentityPattern.AccountOauth, { body: { service: 'facebook', access_token: 'x' } }))
        .toMatchObject({ kind: 'unavailable', message: 'Oauth server is not available' });
    } finally { await down.stop(); }
  });

  it('a blocked OAuth user gets no session', async () => {
    const fbId = `666${Date.now()}`;
    await standins.register('facebook', `fb-${fbId}`, { id: fbId, name: 'Bad Actor' });
    const first = await oauth({ service: 'facebook', access_token: `fb-${fbId}` });
    await id.db.query('UPDATE identity.users SET blocked_at = now() WHERE id = $1', [first.id]);
    expect(await oauthFails({ service: 'facebook', access_token: `fb-${fbId}` })).toMatchObject({ kind: 'forbidden', message: 'User is blocked' });
  });
});

/** Replaces the running identity (requests are load-balanced, so never two at once here) for one check. */
async function startIdentityWith(env: Record<string, string>): Promise<IdentityHarness & { stop(): Promise<void> }> {
  await id.stop();
  const other = await startIdentity({ ...standins.env, ...env });
  return { ...other, stop: async () => { await other.stop(); id = await startIdentity(standins.env); } };
}

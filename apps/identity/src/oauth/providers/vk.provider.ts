import { fetchJson, str, withQuery } from '../oauth-http.js';
import { OAuthError, oauthError } from '../oauth-errors.js';
import { type OAuthCredentials, type OAuthProfile, type OAuthProvider } from '../oauth-profile.js';

export interface VkConfig { oauthUrl: string; apiUrl: string; clientId: string; clientSecret: string; redirectUri: string }
const API_VERSION = '5.131';

/** Code exchanged at `oauth.vk.com/access_token` (redirect URI must match the client's), profile from `users.get`. */
export class VkProvider implements OAuthProvider {
  constructor(private readonly cfg: VkConfig, private readonly timeoutMs: number) {}

  async profile(c: OAuthCredentials): Promise<OAuthProfile> {
    if (!c.code) throw oauthError(OAuthError.TokenNotFound);
    const token = await fetchJson(withQuery(this.cfg.oauthUrl, '/access_token', {
      client_id: this.cfg.clientId, client_secret: this.cfg.clientSecret, redirect_uri: this.cfg.redirectUri, code: c.code,
    }), this.timeoutMs);
    const accessToken = str(token.access_token);
    const userId = str(token.user_id);
    if (!accessToken || !userId) throw oauthError(OAuthError.ProfileRejected);
    const answer = await fetchJson(withQuery(this.cfg.apiUrl, '/method/users.get', {
      user_ids: userId, fields: 'sex,bdate,photo_max', access_token: accessToken, v: API_VERSION,
    }), this.timeoutMs);
    if (answer.error) throw oauthError(OAuthError.ProfileRejected);
    const me = Array.isArray(answer.response) ? (answer.response[0] as Record<string, unknown> | undefined) : undefined;
    const id = str(me?.id);
    if (!me || !id) throw oauthError(OAuthError.ProfileIncomplete);
    const bdate = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(str(me.bdate) ?? '');
    return {
      externalId: id,
      email: str(token.email),
      firstName: str(me.first_name),
      lastName: str(me.last_name),
      gender: me.sex === 1 ? 'female' : me.sex === 2 ? 'male' : undefined,
      birthdate: bdate ? `${bdate[3]}-${bdate[2].padStart(2, '0')}-${bdate[1].padStart(2, '0')}` : undefined,
      photo: str(me.photo_max),
    };
  }
}

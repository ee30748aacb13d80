import { fetchJson, str, withQuery } from '../oauth-http.js';
import { OAuthError, oauthError } from '../oauth-errors.js';
import { type OAuthCredentials, type OAuthProfile, type OAuthProvider, splitName } from '../oauth-profile.js';

/** `sns/oauth2/access_token` code exchange, then `sns/userinfo`. WeChat reports errors as 200 with `errcode`. */
export class WechatProvider implements OAuthProvider {
  constructor(private readonly apiUrl: string, private readonly appId: string, private readonly secret: string, private readonly timeoutMs: number) {}

  async profile(c: OAuthCredentials): Promise<OAuthProfile> {
    if (!c.code) throw oauthError(OAuthError.TokenNotFound);
    const token = await fetchJson(withQuery(this.apiUrl, '/sns/oauth2/access_token', {
      appid: this.appId, secret: this.secret, code: c.code, grant_type: 'authorization_code',
    }), this.timeoutMs);
    const accessToken = str(token.access_token);
    const openid = str(token.openid);
    if (token.errcode || !accessToken || !openid) throw oauthError(OAuthError.ProfileRejected);
    const me = await fetchJson(withQuery(this.apiUrl, '/sns/userinfo', { access_token: accessToken, openid }), this.timeoutMs);
    if (me.errcode) throw oauthError(OAuthError.ProfileRejected);
    // unionid is stable across a developer's apps; openid is per app.
    const id = str(me.unionid) ?? str(me.openid) ?? openid;
    return {
      externalId: id,
      ...splitName(str(me.nickname)),
      gender: me.sex === 1 ? 'male' : me.sex === 2 ? 'female' : undefined,
      photo: str(me.headimgurl),
    };
  }
}

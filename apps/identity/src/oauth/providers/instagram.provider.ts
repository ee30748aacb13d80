import { fetchJson, str, withQuery } from '../oauth-http.js';
import { OAuthError, oauthError } from '../oauth-errors.js';
import { type OAuthCredentials, type OAuthProfile, type OAuthProvider, splitName } from '../oauth-profile.js';

export interface InstagramConfig { apiUrl: string; graphUrl: string; clientId: string; clientSecret: string; redirectUri: string }

/** access_token, or a code exchanged at `/oauth/access_token` (form POST); profile from the Graph `/me`. */
export class InstagramProvider implements OAuthProvider {
  constructor(private readonly cfg: InstagramConfig, private readonly timeoutMs: number) {}

  async profile(c: OAuthCredentials): Promise<OAuthProfile> {
    const token = c.access_token ?? (c.code ? await this.exchange(c.code) : undefined);
    if (!token) throw oauthError(OAuthError.TokenNotFound);
    const me = await fetchJson(withQuery(this.cfg.graphUrl, '/me', { fields: 'id,username,name', access_token: token }), this.timeoutMs);
    const id = str(me.id);
    if (!id) throw oauthError(OAuthError.ProfileIncomplete);
    return { externalId: id, ...splitName(str(me.name) ?? str(me.username)) };
  }

  private async exchange(code: string): Promise<string> {
    const form = new URLSearchParams({
      client_id: this.cfg.clientId, client_secret: this.cfg.clientSecret, grant_type: 'authorization_code', redirect_uri: this.cfg.redirectUri, code,
    });
    const answer = await fetchJson(withQuery(this.cfg.apiUrl, '/oauth/access_token', {}), this.timeoutMs, {
      method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const token = str(answer.access_token);
    if (!token) throw oauthError(OAuthError.ProfileRejected);
    return token;
  }
}

import { fetchJson, str, withQuery } from '../oauth-http.js';
import { OAuthError, oauthError } from '../oauth-errors.js';
import { type OAuthCredentials, type OAuthProfile, type OAuthProvider, splitName } from '../oauth-profile.js';
import { oauth1Header } from './oauth1-signature.js';

/** OAuth 1.0a: `GET /1.1/account/verify_credentials.json` signed with the app's and the user's secrets. */
export class TwitterProvider implements OAuthProvider {
  constructor(private readonly apiUrl: string, private readonly consumerKey: string, private readonly consumerSecret: string, private readonly timeoutMs: number) {}

  async profile(c: OAuthCredentials): Promise<OAuthProfile> {
    if (!c.oauth_token || !c.oauth_token_secret) throw oauthError(OAuthError.TokenNotFound);
    const url = withQuery(this.apiUrl, '/1.1/account/verify_credentials.json', { include_email: 'true', skip_status: 'true' });
    const authorization = oauth1Header('GET', url, {
      consumerKey: this.consumerKey, consumerSecret: this.consumerSecret, token: c.oauth_token, tokenSecret: c.oauth_token_secret,
    });
    const me = await fetchJson(url, this.timeoutMs, { headers: { authorization } });
    const id = str(me.id_str) ?? str(me.id);
    if (!id) throw oauthError(OAuthError.ProfileIncomplete);
    return { externalId: id, email: str(me.email), photo: str(me.profile_image_url_https), ...splitName(str(me.name)) };
  }
}

import { fetchJson, str, withQuery } from '../oauth-http.js';
import { OAuthError, oauthError } from '../oauth-errors.js';
import { type OAuthCredentials, type OAuthProfile, type OAuthProvider, splitName } from '../oauth-profile.js';

/** Graph API `/me` with the app's access token. */
export class FacebookProvider implements OAuthProvider {
  constructor(private readonly graphUrl: string, private readonly timeoutMs: number) {}

  async profile(c: OAuthCredentials): Promise<OAuthProfile> {
    if (!c.access_token) throw oauthError(OAuthError.TokenNotFound);
    const me = await fetchJson(withQuery(this.graphUrl, '/me', {
      fields: 'id,name,first_name,last_name,email,gender,birthday,locale,picture', access_token: c.access_token,
    }), this.timeoutMs);
    const id = str(me.id);
    if (!id) throw oauthError(OAuthError.ProfileIncomplete);
    const split = splitName(str(me.name));
    const birthday = /^(\d\d)\/(\d\d)\/(\d{4})$/.exec(str(me.birthday) ?? '');
    const picture = (me.picture as { data?: { url?: unknown } } | undefined)?.data?.url;
    return {
      externalId: id,
      email: str(me.email),
      firstName: str(me.first_name) ?? split.firstName,
      lastName: str(me.last_name) ?? split.lastName,
      gender: me.gender === 'male' || me.gender === 'female' ? me.gender : undefined,
      birthdate: birthday ? `${birthday[3]}-${birthday[1]}-${birthday[2]}` : undefined,
      photo: str(picture),
      language: str(me.locale)?.slice(0, 2),
    };
  }
}

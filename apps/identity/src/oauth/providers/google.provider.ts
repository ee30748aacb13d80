import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { OAuthError, oauthError } from '../oauth-errors.js';
import { str } from '../oauth-http.js';
import { type OAuthCredentials, type OAuthProfile, type OAuthProvider } from '../oauth-profile.js';

/** The id_token is checked locally against Google's JWKS (cached by jose): signature, issuer, audience, expiry. */
export class GoogleProvider implements OAuthProvider {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(jwksUrl: string, private readonly issuers: string[], private readonly audiences: string[], timeoutMs: number) {
    this.jwks = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: timeoutMs, cooldownDuration: 30_000 });
  }

  async profile(c: OAuthCredentials): Promise<OAuthProfile> {
    if (!c.id_token) throw oauthError(OAuthError.TokenNotFound);
    if (this.audiences.length === 0) throw oauthError(OAuthError.ProfileRejected);
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(c.id_token, this.jwks, { issuer: this.issuers, audience: this.audiences, algorithms: ['RS256'] }));
    } catch (error) {
      // The key set could not be fetched: the provider is down, not the token bad.
      if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || !(error instanceof errors.JOSEError)) {
        throw oauthError(OAuthError.ServerUnavailable);
      }
      throw oauthError(OAuthError.ProfileRejected);
    }
    const sub = str(claims.sub);
    if (!sub) throw oauthError(OAuthError.ProfileIncomplete);
    return {
      externalId: sub,
      email: claims.email_verified === true || claims.email_verified === 'true' ? str(claims.email) : undefined,
      firstName: str(claims.given_name),
      lastName: str(claims.family_name),
      photo: str(claims.picture),
      language: str(claims.locale)?.slice(0, 2),
    };
  }
}

import { importPKCS8, SignJWT } from 'jose';

type KeyLike = Awaited<ReturnType<typeof importPKCS8>>;
import { type HttpJsonClient, jsonOf } from '../http-json.js';
import { PushProviderError } from '../push-provider.port.js';
import type { ServiceAccount } from './service-account.js';

export const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** A token is renewed this long before Google says it expires. */
const EARLY_MS = 5 * 60_000;

/**
 * OAuth2 access tokens for a service account (Google's "service account JWT" flow): an RS256 JWT
 * with iss = client_email, scope, aud = the token URL, iat/exp one hour apart, signed with the
 * account's key, exchanged at the token URL. One token is shared until shortly before it expires;
 * concurrent callers wait for the same exchange.
 */
export class GoogleAccessTokens {
  private current?: { token: string; expiresAt: number };
  private pending?: Promise<string>;
  private key?: Promise<KeyLike>;

  constructor(private readonly account: ServiceAccount, private readonly tokenUrl: string, private readonly http: HttpJsonClient) {}

  async get(): Promise<string> {
    if (this.current && this.current.expiresAt - EARLY_MS > Date.now()) return this.current.token;
    this.pending ??= this.exchange().finally(() => { this.pending = undefined; });
    return this.pending;
  }

  /** After a 401: the next `get` asks for a new token. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private async exchange(): Promise<string> {
    this.key ??= importPKCS8(this.account.private_key, 'RS256');
    const assertion = await new SignJWT({ scope: FCM_SCOPE })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(this.account.private_key_id ? { kid: this.account.private_key_id } : {}) })
      .setIssuer(this.account.client_email).setAudience(this.tokenUrl).setIssuedAt().setExpirationTime('1h')
      .sign(await this.key);
    const response = await this.http.post(this.tokenUrl, { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      new URLSearchParams({ grant_type: JWT_BEARER, assertion }).toString());
    const body = jsonOf<{ access_token?: string; expires_in?: number; error?: string }>(response.body);
    if (response.status !== 200 || !body.access_token) {
      // invalid_grant / invalid_client: the key or its account is wrong; retrying will not help.
      throw new PushProviderError(`token:${body.error ?? response.status}`, response.status >= 500 || response.status === 429, response.status);
    }
    this.current = { token: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000 };
    return body.access_token;
  }
}

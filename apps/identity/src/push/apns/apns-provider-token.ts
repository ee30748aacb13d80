import { importPKCS8, SignJWT } from 'jose';

type KeyLike = Awaited<ReturnType<typeof importPKCS8>>;

/** Apple: refresh no more than once every 20 minutes and no less than once an hour. */
const REUSE_MS = 50 * 60_000;

/**
 * The provider authentication token of APNs token auth: an ES256 JWT with header kid = key id,
 * claims iss = team id and iat, signed with the .p8 key. One token is reused for 50 minutes.
 */
export class ApnsProviderToken {
  private current?: { jwt: string; issuedAt: number };
  private key?: Promise<KeyLike>;

  constructor(private readonly p8: string, private readonly keyId: string, private readonly teamId: string) {}

  async get(now = Date.now()): Promise<string> {
    if (this.current && now - this.current.issuedAt < REUSE_MS) return this.current.jwt;
    this.key ??= importPKCS8(this.p8, 'ES256');
    const jwt = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: this.keyId })
      .setIssuer(this.teamId).setIssuedAt(Math.floor(now / 1000)).sign(await this.key);
    this.current = { jwt, issuedAt: now };
    return jwt;
  }

  /** After ExpiredProviderToken: the next `get` signs a new one. */
  invalidate(jwt: string): void {
    if (this.current?.jwt === jwt) this.current = undefined;
  }
}

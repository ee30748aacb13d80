import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { CommonEnv, IsLessThanField } from '#libs/config';
import { isValidTrustedProxyList } from './trusted-proxies.js';
import { IsRateLimit } from '../rate-limits/rate-limit-spec.js';

/** Gateway variables. Numbers carry @Type: without it env strings are not converted. */
export class GatewayEnv extends CommonEnv {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '0.0.0.0';

  @Type(() => Number) @IsInt() @Min(1024)
  BODY_LIMIT_BYTES: number = 1024 * 1024;

  /** Idle lifetime of a session: each use slides it (gateway and identity must agree; a few seconds only in tests). */
  @Type(() => Number) @IsInt() @Min(1)
  SESSION_TTL_SECONDS: number = 2_592_000;

  /** Absolute lifetime of a session, however much it is used (gateway and identity must agree). */
  @Type(() => Number) @IsInt() @Min(1)
  SESSION_MAX_AGE_SECONDS: number = 31_536_000;

  /** Comma list of proxy IPs / CIDRs / keywords (loopback, linklocal, uniquelocal) whose X-Forwarded-For is trusted. */
  @Matches(/^[^\s]*$/, { message: 'must be a comma list without spaces' })
  @isValidTrustedProxyList()
  TRUSTED_PROXIES: string = 'loopback';

  /** How long the gateway waits for a service; below TRANSPORT_RECLAIM_IDLE_MS so a reclaimed request has always expired. */
  @Type(() => Number) @IsInt() @Min(100)
  @IsLessThanField('TRANSPORT_RECLAIM_IDLE_MS', 'otherwise a request taken over from a stopped replica could run twice')
  REQUEST_TIMEOUT_MS: number = 10_000;

  // Requests per client IP (the external API: per API key) and route class, `<max>/<seconds>`; `0/<seconds>` turns one off.
  // Counted in Redis, shared by every gateway replica. Identity keeps its own per-account and per-IP limits behind these.
  /** Sign-in and code or credential checks (session, oauth, verify_code, restore/:code, reset_password, account/check). */
  @IsRateLimit() RATE_LIMIT_SIGN_IN = '30/60';
  /** Routes that send a mail or an SMS. */
  @IsRateLimit() RATE_LIMIT_CODE_SENDING = '10/600';
  /** New accounts and participant registrations. */
  @IsRateLimit() RATE_LIMIT_ACCOUNT_CREATION = '10/600';
  /** The external payment-certificate API, per API key. */
  @IsRateLimit() RATE_LIMIT_EXTERNAL_API = '1200/60';
  /** Every other GET route. */
  @IsRateLimit() RATE_LIMIT_READS = '600/60';
  /** Every other route. */
  @IsRateLimit() RATE_LIMIT_WRITES = '300/60';

  // Redeclared with @Type: CommonEnv's HEALTH_PORT has no conversion, so HEALTH_PORT=8081 fails there.
  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  override HEALTH_PORT: number = 0;
}

import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { CommonEnv, IsLessThanField } from '#libs/config';
import { isValidTrustedProxyList } from './trusted-proxies.js';

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

  // Redeclared with @Type: CommonEnv's HEALTH_PORT has no conversion, so HEALTH_PORT=8081 fails there.
  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  override HEALTH_PORT: number = 0;
}

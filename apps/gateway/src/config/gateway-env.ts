import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { CommonEnv } from '#libs/config';
import { isValidTrustedProxyList } from './trusted-proxies.js';

/** Gateway variables. Numbers carry @Type: without it env strings are not converted. */
export class GatewayEnv extends CommonEnv {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '0.0.0.0';

  @Type(() => Number) @IsInt() @Min(1024)
  BODY_LIMIT_BYTES: number = 1024 * 1024;

  @Type(() => Number) @IsInt() @Min(60)
  SESSION_TTL_SECONDS: number = 2_592_000;

  /** Comma list of proxy IPs / CIDRs / keywords (loopback, linklocal, uniquelocal) whose X-Forwarded-For is trusted. */
  @Matches(/^[^\s]*$/, { message: 'must be a comma list without spaces' })
  @isValidTrustedProxyList()
  TRUSTED_PROXIES: string = 'loopback';

  @Type(() => Number) @IsInt() @Min(100) @Max(300_000)
  REQUEST_TIMEOUT_MS: number = 10_000;

  // Redeclared with @Type: CommonEnv's HEALTH_PORT has no conversion, so HEALTH_PORT=8081 fails there.
  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  override HEALTH_PORT: number = 0;
}

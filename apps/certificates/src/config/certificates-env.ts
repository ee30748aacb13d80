import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { CommonEnv, IsSecret } from '#libs/config';

/** Used when QR_SIGNING_SECRET is unset outside production: fixed, so dev replicas agree. */
export const DEV_QR_SIGNING_SECRET = 'dev-only-qr-signing-secret-do-not-use-in-production';

/** Certificates variables (see .env.example). */
export class CertificatesEnv extends CommonEnv {
  /** HMAC key of QR links. Required in production (every replica must share it). */
  @ValidateIf((env: CertificatesEnv) => env.NODE_ENV === 'production' || env.QR_SIGNING_SECRET !== '')
  @MinLength(32, { message: 'QR_SIGNING_SECRET must be set to at least 32 characters (required when NODE_ENV=production)' })
  @IsSecret({ devDefaults: [DEV_QR_SIGNING_SECRET], minLength: 32, minBits: 96 })
  QR_SIGNING_SECRET: string = '';

  /** private_image_url links stay valid between this long and twice this long. */
  @Type(() => Number) @IsInt() @Min(60) @Max(7 * 86_400)
  QR_PRIVATE_URL_TTL_SECONDS: number = 3600;

  @Matches(/^https?:\/\/[^\s]+[^/\s]$/, { message: 'must be an http(s) URL without a trailing slash' })
  PUBLIC_BASE_URL: string = 'http://localhost:3000';

  // Read the raw string: implicit conversion would turn 'false' into true.
  @Transform(({ obj, key }) => { const raw = (obj as Record<string, unknown>)[key]; return raw === undefined ? true : raw === true || raw === 'true'; })
  @IsIn([true, false])
  RUN_MIGRATIONS: boolean = true;

  // Redeclared with @Type so that HEALTH_PORT=8081 from the environment converts.
  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  override HEALTH_PORT: number = 0;
}

/** The secret in use: the configured one, or the fixed development value. */
export function qrSigningSecret(env: CertificatesEnv): { secret: string; isDevDefault: boolean } {
  return env.QR_SIGNING_SECRET
    ? { secret: env.QR_SIGNING_SECRET, isDevDefault: false }
    : { secret: DEV_QR_SIGNING_SECRET, isDevDefault: true };
}

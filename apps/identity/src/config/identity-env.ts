import { IsIn, IsInt, IsOptional, IsString, Matches, Min, MinLength } from 'class-validator';
import { Transform, Type } from 'class-transformer';
import { CommonEnv } from '#libs/config';

export const DEFAULT_ADMIN_PASSWORD = 'change-me-now';

/** Identity's own variables (see .env.example). */
export class IdentityEnv extends CommonEnv {
  @Type(() => Number) @IsInt() @Min(60)
  SESSION_TTL_SECONDS: number = 2_592_000;

  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'must be an email address' })
  ADMIN_EMAIL = 'admin@example.com';

  @IsString() @MinLength(6)
  ADMIN_PASSWORD = DEFAULT_ADMIN_PASSWORD;

  @IsString()
  OUTBOX_DIR = '.data/outbox';

  /** When set, mail goes out over SMTP (smtp://user:pass@host:port) instead of the outbox. */
  @IsOptional() @Matches(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'Rewards <no-reply@example.com>';

  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /** Comma separated, in order of preference. */
  @Matches(/^[a-z_]+(,[a-z_]+)*$/, { message: 'must be a comma separated list like email,phone,facebook' })
  REGISTRATION_TYPES = 'email,phone,facebook,google';

  // Read the raw string: implicit conversion would turn 'false' into true.
  @Transform(({ obj, key }) => { const raw = (obj as Record<string, unknown>)[key]; return raw === undefined ? true : raw === true || raw === 'true'; })
  @IsIn([true, false])
  RUN_MIGRATIONS = true;
}

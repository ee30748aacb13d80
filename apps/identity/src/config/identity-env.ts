import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { Transform, Type } from 'class-transformer';
import { CommonEnv, IsSecret } from '#libs/config';

export const DEFAULT_ADMIN_PASSWORD = 'change-me-now';

/** Identity's own variables (see .env.example). */
export class IdentityEnv extends CommonEnv {
  /** Idle lifetime of a session: each use slides it (gateway and identity must agree; a few seconds only in tests). */
  @Type(() => Number) @IsInt() @Min(1)
  SESSION_TTL_SECONDS: number = 2_592_000;

  /** Absolute lifetime of a session, however much it is used (gateway and identity must agree). */
  @Type(() => Number) @IsInt() @Min(1)
  SESSION_MAX_AGE_SECONDS: number = 31_536_000;

  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'must be an email address' })
  ADMIN_EMAIL = 'admin@example.com';

  /** The seeded system admin's first password; production refuses the default, placeholders and weak values. */
  @IsString() @MinLength(6) @IsSecret({ devDefaults: [DEFAULT_ADMIN_PASSWORD], minLength: 12, minBits: 36 })
  ADMIN_PASSWORD = DEFAULT_ADMIN_PASSWORD;

  @IsString()
  OUTBOX_DIR = '.data/outbox';

  /** When set, mail goes out over SMTP (smtp://user:pass@host:port) instead of the outbox. */
  @IsOptional() @Matches(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' }) @IsSecret({ optional: true, minLength: 0 })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'Rewards <no-reply@example.com>';

  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /** Comma separated, in order of preference. */
  @Matches(/^[a-z_]+(,[a-z_]+)*$/, { message: 'must be a comma separated list like email,phone,facebook' })
  REGISTRATION_TYPES = 'email,phone,facebook,google';

  /** rewards answers level_info / dashboard_info for GET /account within this time, else they are left out. */
  @Type(() => Number) @IsInt() @Min(100)
  REWARDS_TIMEOUT_MS: number = 2000;

  /** When set, SMS go out through Twilio's REST API at this base URL; otherwise to OUTBOX_DIR. */
  @IsOptional() @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL such as https://api.twilio.com' })
  TWILIO_API_BASE?: string;

  @ValidateIf((o: IdentityEnv) => !!o.TWILIO_API_BASE) @Matches(/^AC[0-9a-zA-Z]{8,}$/, { message: 'must be a Twilio account SID (AC...) when TWILIO_API_BASE is set' })
  TWILIO_ACCOUNT_SID = '';

  @ValidateIf((o: IdentityEnv) => !!o.TWILIO_API_BASE) @IsString() @MinLength(8, { message: 'must be set when TWILIO_API_BASE is set' })
  @IsSecret({ optional: true })
  TWILIO_AUTH_TOKEN = '';

  @ValidateIf((o: IdentityEnv) => !!o.TWILIO_API_BASE) @Matches(/^(\+[1-9]\d{6,14}|MG[0-9a-zA-Z]+|[A-Za-z0-9 ]{1,11})$/, { message: 'must be a sender number, messaging service SID or alphanumeric sender id' })
  TWILIO_FROM = '';

  // Codes and tickets.
  @Type(() => Number) @IsInt() @Min(30) PHONE_CODE_TTL_SECONDS: number = 600;
  /** Wrong guesses of one SMS code before it is burnt. */
  @Type(() => Number) @IsInt() @Min(1) @Max(20) PHONE_CODE_MAX_ATTEMPTS: number = 5;
  @Type(() => Number) @IsInt() @Min(30) PHONE_RESET_TICKET_TTL_SECONDS: number = 900;
  @Type(() => Number) @IsInt() @Min(60) RESTORE_CODE_TTL_SECONDS: number = 3600;

  // Rate limits (fixed windows in Redis).
  @Type(() => Number) @IsInt() @Min(1) SMS_CODES_PER_PHONE_PER_HOUR: number = 5;
  @Type(() => Number) @IsInt() @Min(1) RESTORE_MAILS_PER_EMAIL_PER_HOUR: number = 5;
  /** Any code-sending endpoint (SMS, restore mail) per client IP. */
  @Type(() => Number) @IsInt() @Min(1) CODE_REQUESTS_PER_IP_PER_HOUR: number = 30;
  @Type(() => Number) @IsInt() @Min(1) ACCOUNT_CHECKS_PER_IP_PER_MINUTE: number = 10;

  // Brute-force protection of sign-in: this many failures within the lockout window lock the account / IP.
  @Type(() => Number) @IsInt() @Min(1) SIGNIN_MAX_FAILURES_PER_ACCOUNT: number = 5;
  @Type(() => Number) @IsInt() @Min(1) SIGNIN_MAX_FAILURES_PER_IP: number = 50;
  @Type(() => Number) @IsInt() @Min(1) SIGNIN_LOCKOUT_SECONDS: number = 900;

  // argon2id for new hashes (OWASP minimum m=19 MiB t=2 p=1 or an equivalent row; see bench/signin.mjs).
  // A stored hash with other parameters is replaced at its next successful sign-in.
  @Type(() => Number) @IsInt() @Min(7168) @Max(1_048_576) PASSWORD_HASH_MEMORY_KIB: number = 19_456;
  @Type(() => Number) @IsInt() @Min(1) @Max(20) PASSWORD_HASH_TIME_COST: number = 2;
  @Type(() => Number) @IsInt() @Min(1) @Max(16) PASSWORD_HASH_PARALLELISM: number = 1;
  /** Password hashes/checks running at once in this process; 0: one per CPU core. */
  @Type(() => Number) @IsInt() @Min(0) @Max(64) PASSWORD_CHECK_CONCURRENCY: number = 0;
  /** Checks waiting at once (all clients / one client IP); beyond that, or after PASSWORD_CHECK_MAX_WAIT_MS, 503 with Retry-After. */
  @Type(() => Number) @IsInt() @Min(0) PASSWORD_CHECK_QUEUE_MAX: number = 64;
  @Type(() => Number) @IsInt() @Min(0) PASSWORD_CHECK_QUEUE_PER_CLIENT: number = 4;
  @Type(() => Number) @IsInt() @Min(50) PASSWORD_CHECK_MAX_WAIT_MS: number = 2000;

  /** Country answered by current_country (type "default") when the IP is not in the database. */
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code such as AU' })
  GEO_DEFAULT_COUNTRY = 'AU';

  // Read the raw string: implicit conversion would turn 'false' into true.
  @Transform(({ obj, key }) => { const raw = (obj as Record<string, unknown>)[key]; return raw === undefined ? true : raw === true || raw === 'true'; })
  @IsIn([true, false])
  RUN_MIGRATIONS = true;
}

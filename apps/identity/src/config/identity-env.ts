import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { Transform, Type } from 'class-transformer';
import { CommonEnv, IsSecret } from '#libs/config';
import { IsServiceAccountJson } from '../push/fcm/service-account.js';

const HTTP_URL = /^https?:\/\/[^\s]+$/;

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

  /** GET /account answers kept per replica (most recently used users; dropped on any change, see AccountCache); 0 turns it off. Each takes about 1.4× its JSON size of heap (~4 KB for a 3 KB answer). */
  @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000)
  ACCOUNT_CACHE_SIZE: number = 5_000;

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

  // Push delivery (apps/identity/src/push). A provider is on when its credentials are set; devices
  // of a provider that is off get nothing (rewards' outbox keeps the record).
  /** FCM HTTP v1 for gcm devices: the Firebase service account's JSON key file, as text. */
  @IsOptional() @IsServiceAccountJson()
  FCM_SERVICE_ACCOUNT_JSON?: string;

  @Matches(HTTP_URL, { message: 'must be an http(s) URL such as https://fcm.googleapis.com' })
  FCM_API_BASE = 'https://fcm.googleapis.com';

  /** Where the service-account JWT is exchanged for an access token (also the JWT's audience). */
  @Matches(HTTP_URL, { message: 'must be an http(s) URL such as https://oauth2.googleapis.com/token' })
  FCM_TOKEN_URL = 'https://oauth2.googleapis.com/token';

  /** APNs token auth for apns / apns_sandbox devices: the .p8 signing key (PEM; a literal \n counts as a newline). */
  @IsOptional() @Matches(/-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----/, { message: 'must be the PEM text of an APNs .p8 key' })
  APNS_KEY_P8?: string;

  @ValidateIf((o: IdentityEnv) => !!o.APNS_KEY_P8) @Matches(/^[A-Z0-9]{10}$/, { message: 'must be the 10-character key id of the .p8 key when APNS_KEY_P8 is set' })
  APNS_KEY_ID = '';

  @ValidateIf((o: IdentityEnv) => !!o.APNS_KEY_P8) @Matches(/^[A-Z0-9]{10}$/, { message: 'must be the 10-character Apple team id when APNS_KEY_P8 is set' })
  APNS_TEAM_ID = '';

  /** The app's bundle id (apns-topic). */
  @ValidateIf((o: IdentityEnv) => !!o.APNS_KEY_P8) @Matches(/^[A-Za-z0-9.-]+$/, { message: 'must be the app bundle id when APNS_KEY_P8 is set' })
  APNS_TOPIC = '';

  @Matches(HTTP_URL, { message: 'must be an https URL such as https://api.push.apple.com' })
  APNS_API_BASE = 'https://api.push.apple.com';

  @Matches(HTTP_URL, { message: 'must be an https URL such as https://api.sandbox.push.apple.com' })
  APNS_SANDBOX_API_BASE = 'https://api.sandbox.push.apple.com';

  /** Extra CA certificate (PEM file) APNs connections trust besides the system's, e.g. a test stand-in's. */
  @IsOptional() @IsString()
  APNS_CA_FILE?: string;

  /** Baidu Cloud Push (REST API 3.0) for baidu devices: the app's API key; the secret key signs requests. */
  @IsOptional() @Matches(/^[A-Za-z0-9]{8,64}$/, { message: 'must be the Baidu push API key' })
  BAIDU_PUSH_API_KEY?: string;

  @ValidateIf((o: IdentityEnv) => !!o.BAIDU_PUSH_API_KEY) @IsString() @MinLength(8, { message: 'must be set when BAIDU_PUSH_API_KEY is set' })
  BAIDU_PUSH_SECRET_KEY = '';

  @Matches(HTTP_URL, { message: 'must be an http(s) URL such as https://api.tuisong.baidu.com/rest/3.0' })
  BAIDU_PUSH_API_BASE = 'https://api.tuisong.baidu.com/rest/3.0';

  /** Deliveries in flight at once per replica (all providers together). */
  @Type(() => Number) @IsInt() @Min(1) @Max(1000) PUSH_CONCURRENCY: number = 64;
  /** Tries of one delivery (provider 5xx, 429, network) before it is recorded as failed. */
  @Type(() => Number) @IsInt() @Min(1) @Max(30) PUSH_MAX_ATTEMPTS: number = 8;
  /** First retry delay; each next one doubles (with jitter) unless the provider says Retry-After. */
  @Type(() => Number) @IsInt() @Min(10) PUSH_BACKOFF_MS: number = 1000;
  /** Longest Retry-After honoured; a longer one is cut to this. */
  @Type(() => Number) @IsInt() @Min(1000) PUSH_MAX_RETRY_AFTER_MS: number = 3_600_000;
  /** How long a handled message id is remembered, so a repeated event delivers nothing twice. */
  @Type(() => Number) @IsInt() @Min(60) PUSH_DEDUP_SECONDS: number = 86_400;
  /** Timeout of one provider request. */
  @Type(() => Number) @IsInt() @Min(100) PUSH_PROVIDER_TIMEOUT_MS: number = 10_000;

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

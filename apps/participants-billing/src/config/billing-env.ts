import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Matches, Max, Min, NotContains, ValidateIf } from 'class-validator';
import { CommonEnv, IsSecret } from '#libs/config';

/** The key billing starts with when STRIPE_SECRET_KEY is unset: fine against the stand-in, refused in production. */
export const DEV_STRIPE_SECRET_KEY = 'sk_test_unset';

export class BillingEnv extends CommonEnv {
  /** Re-declared with an explicit conversion: env values are strings. */
  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  override HEALTH_PORT = 0;

  /** Stripe API base, e.g. https://api.stripe.com or a local stand-in http://127.0.0.1:PORT. */
  @Matches(/^https?:\/\/[^/]+\/?$/, { message: 'must be an http(s) URL without a path' })
  STRIPE_API_BASE = 'https://api.stripe.com';

  @IsString() @IsSecret({ devDefaults: [DEV_STRIPE_SECRET_KEY], minLength: 24 })
  STRIPE_SECRET_KEY = DEV_STRIPE_SECRET_KEY;

  /**
   * Signing secret of the webhook endpoint (whsec_..., shown by Stripe for POST /billing/stripe/webhook).
   * Unset: every webhook is refused (400). Required in production.
   */
  @ValidateIf((env: BillingEnv) => env.NODE_ENV === 'production')
  @Matches(/^\S{16,}$/, { message: 'must be set to the endpoint signing secret when NODE_ENV=production' })
  @NotContains('CHANGE-ME', { message: 'is still the template placeholder' })
  STRIPE_WEBHOOK_SECRET = '';

  /** A webhook signed longer ago than this is refused as stale (Stripe's default tolerance). */
  @Type(() => Number) @IsInt() @Min(1) @Max(3600)
  STRIPE_WEBHOOK_TOLERANCE_SECONDS = 300;

  /** How often unfinished payments are retried (provider errors) or looked up at Stripe (no webhook yet). */
  @Type(() => Number) @IsInt() @Min(100) @Max(3_600_000)
  PAYMENTS_RETRY_INTERVAL_MS = 15_000;

  /** A payment Stripe still processes after this long is looked up at Stripe, in case its webhook was lost. */
  @Type(() => Number) @IsInt() @Min(1_000)
  PAYMENTS_CONFIRM_AFTER_MS = 600_000;

  /** false: migrations are run by a separate job (`migrate.js`), not at start. */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  RUN_MIGRATIONS = true;
}

import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Matches, Max, Min } from 'class-validator';
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

  /** false: migrations are run by a separate job (`migrate.js`), not at start. */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  RUN_MIGRATIONS = true;
}

import { ConfigError, loadConfig } from '#libs/config';
import { BillingEnv } from './billing-env.js';

/** What production needs besides the webhook secret: a sealing key and a real Stripe key. */
const PRODUCTION_SECRETS = { TRANSPORT_SEALING_KEYS: `k1:${'A'.repeat(43)}=`, STRIPE_SECRET_KEY: 'sk_live_51HxQ2eKd8Zr3Vb7Nq0Lp4Tw9Ys6Ua1Mc' };

describe('BillingEnv STRIPE_WEBHOOK_SECRET', () => {
  it('may be unset outside production (webhooks are then refused)', () => {
    expect(loadConfig(BillingEnv, {}).STRIPE_WEBHOOK_SECRET).toBe('');
  });

  it('is required in production, and the template placeholder is refused there', () => {
    expect(() => loadConfig(BillingEnv, { NODE_ENV: 'production', ...PRODUCTION_SECRETS })).toThrow(ConfigError);
    expect(() => loadConfig(BillingEnv, { NODE_ENV: 'production', ...PRODUCTION_SECRETS, STRIPE_WEBHOOK_SECRET: 'whsec_CHANGE-ME' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    const env = loadConfig(BillingEnv, { NODE_ENV: 'production', ...PRODUCTION_SECRETS, STRIPE_WEBHOOK_SECRET: 'whsec_0123456789abcdefghij' });
    expect(env.STRIPE_WEBHOOK_SECRET).toBe('whsec_0123456789abcdefghij');
  });

  it('reads the tolerance and retry settings as numbers within bounds', () => {
    expect(loadConfig(BillingEnv, { STRIPE_WEBHOOK_TOLERANCE_SECONDS: '60', PAYMENTS_RETRY_INTERVAL_MS: '500' })).toMatchObject({ STRIPE_WEBHOOK_TOLERANCE_SECONDS: 60, PAYMENTS_RETRY_INTERVAL_MS: 500 });
    expect(() => loadConfig(BillingEnv, { STRIPE_WEBHOOK_TOLERANCE_SECONDS: '0' })).toThrow(/STRIPE_WEBHOOK_TOLERANCE_SECONDS/);
  });
});

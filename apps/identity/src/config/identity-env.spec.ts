import 'reflect-metadata';
import { ConfigError, loadConfig } from '#libs/config';
import { IdentityEnv } from './identity-env.js';

describe('IdentityEnv', () => {
  it('has working defaults', () => {
    const env = loadConfig(IdentityEnv, {});
    expect(env).toMatchObject({ SESSION_TTL_SECONDS: 2_592_000, RUN_MIGRATIONS: true, HEALTH_PORT: 0, OUTBOX_DIR: '.data/outbox', PUBLIC_BASE_URL: 'http://localhost:3000' });
    expect(env.SMTP_URL).toBeUndefined();
  });

  it('converts numbers and booleans from strings', () => {
    const env = loadConfig(IdentityEnv, { HEALTH_PORT: '8081', SESSION_TTL_SECONDS: '3600', RUN_MIGRATIONS: 'false' });
    expect(env).toMatchObject({ HEALTH_PORT: 8081, SESSION_TTL_SECONDS: 3600, RUN_MIGRATIONS: false });
  });

  it('names every bad variable', () => {
    expect(() => loadConfig(IdentityEnv, { SMTP_URL: 'http://x', SESSION_TTL_SECONDS: 'soon', RUN_MIGRATIONS: 'maybe', REGISTRATION_TYPES: 'email, phone' }))
      .toThrow(ConfigError);
    try {
      loadConfig(IdentityEnv, { SMTP_URL: 'http://x', SESSION_TTL_SECONDS: 'soon', REGISTRATION_TYPES: 'email, phone' });
    } catch (error) {
      expect((error as Error).message).toMatch(/SMTP_URL[\s\S]*SESSION_TTL_SECONDS|SESSION_TTL_SECONDS[\s\S]*SMTP_URL/);
      expect((error as Error).message).toContain('REGISTRATION_TYPES');
    }
  });
});

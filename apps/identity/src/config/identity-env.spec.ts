import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '#libs/config';
import { DEFAULT_ADMIN_PASSWORD, IdentityEnv } from './identity-env.js';
import { OAuthEnv } from '../oauth/oauth-env.js';

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

  it('production refuses the default admin password, the template placeholder and weak values, by name', () => {
    const production = { NODE_ENV: 'production', TRANSPORT_SEALING_KEYS: `k1:${randomBytes(32).toString('base64')}` };
    for (const bad of [undefined, DEFAULT_ADMIN_PASSWORD, 'CHANGE-ME', 'short-pw', 'aaaaaaaaaaaaaaaa']) {
      expect(() => loadConfig(IdentityEnv, { ...production, ...(bad ? { ADMIN_PASSWORD: bad } : {}) })).toThrow(/ADMIN_PASSWORD=\(hidden\)/);
    }
    expect(() => loadConfig(IdentityEnv, { ...production, ADMIN_PASSWORD: 'N3w-admin-Pass-7741', SMTP_URL: 'smtp://mailer:CHANGE-ME@smtp.example.com:587' }))
      .toThrow(/SMTP_URL=\(hidden\): is a placeholder/);
    expect(loadConfig(IdentityEnv, { ...production, ADMIN_PASSWORD: 'N3w-admin-Pass-7741' }).NODE_ENV).toBe('production');
  });

  it('hashes passwords with OWASP argon2id parameters by default (m=19 MiB, t=2, p=1) and refuses weaker memory', () => {
    const env = loadConfig(IdentityEnv, {});
    expect([env.PASSWORD_HASH_MEMORY_KIB, env.PASSWORD_HASH_TIME_COST, env.PASSWORD_HASH_PARALLELISM]).toEqual([19_456, 2, 1]);
    expect(() => loadConfig(IdentityEnv, { PASSWORD_HASH_MEMORY_KIB: '4096' })).toThrow(/PASSWORD_HASH_MEMORY_KIB/);
  });

  it('production refuses placeholder OAuth secrets and leaves unset ones alone', () => {
    expect(() => loadConfig(OAuthEnv, { NODE_ENV: 'production', VK_CLIENT_SECRET: 'change_me' })).toThrow(/VK_CLIENT_SECRET=\(hidden\): is a placeholder/);
    expect(loadConfig(OAuthEnv, { NODE_ENV: 'production' }).VK_CLIENT_SECRET).toBe('');
  });
});

import { randomBytes } from 'node:crypto';
import { IsString } from 'class-validator';
import { CommonEnv } from './common-env.js';
import { ConfigError, loadConfig } from './load-config.js';
import { estimatedBits, IsSecret, secretProblem } from './secret-field.js';

class AppEnv extends CommonEnv {
  @IsString() @IsSecret({ devDefaults: ['published-dev-default-secret-value'], minLength: 32 })
  SIGNING_SECRET = 'published-dev-default-secret-value';

  @IsString() @IsSecret({ optional: true })
  PARTNER_SECRET = '';
}

const sealing = `k1:${randomBytes(32).toString('base64')}`;
const production = (extra: Record<string, string>) => ({ NODE_ENV: 'production', TRANSPORT_SEALING_KEYS: sealing, ...extra });
const random = () => randomBytes(32).toString('base64url');

describe('IsSecret: placeholder and weak secrets are refused in production', () => {
  it('refuses CHANGE-ME in any case and form, naming why', () => {
    for (const value of ['CHANGE-ME', 'change-me', 'sk_live_CHANGE-ME', 'CHANGE-ME-TO-32-OR-MORE-RANDOM-CHARACTERS', 'my_change_me_secret_value_1234567', 'ChangeMe4Real!xyzabcdefgh']) {
      expect(secretProblem(value)).toMatch(/placeholder \(contains CHANGE-ME\)/);
    }
  });

  it('refuses published development defaults, short values and low entropy; accepts random values', () => {
    expect(secretProblem('dev-value-from-the-repo-12345', { devDefaults: ['dev-value-from-the-repo-12345'] })).toMatch(/development default/);
    expect(secretProblem('Sh0rt!', { minLength: 12 })).toMatch(/too short .*6 characters, at least 12/);
    expect(secretProblem('x'.repeat(40))).toMatch(/too little entropy/);
    expect(secretProblem('abababababababababababab')).toMatch(/too little entropy/);
    expect(secretProblem(random(), { minLength: 32, minBits: 96 })).toBeUndefined();
    expect(secretProblem(randomBytes(16).toString('hex'), { minLength: 32, minBits: 96 })).toBeUndefined();
    expect(secretProblem('')).toMatch(/must be set/);
    expect(secretProblem('', { optional: true })).toBeUndefined();
    expect(estimatedBits('aaaa')).toBe(0);
  });

  it('an env class stops with a message naming each variable, never printing a secret', () => {
    const weak = 'weakweakweakweakweak';
    let message = '';
    try {
      loadConfig(AppEnv, production({ PARTNER_SECRET: weak, DATABASE_URL: 'postgres://rewards:CHANGE-ME@db:5432/rewards' }));
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/SIGNING_SECRET=\(hidden\): is the development default published in this repository/);
    expect(message).toMatch(/PARTNER_SECRET=\(hidden\): has too little entropy|PARTNER_SECRET=\(hidden\): is too short/);
    expect(message).toMatch(/DATABASE_URL=\(hidden\): is a placeholder/);
    expect(message).not.toContain(weak);
    expect(message).not.toContain('published-dev-default-secret-value');
  });

  it('passes with real secrets in production, and anything outside production', () => {
    expect(loadConfig(AppEnv, production({ SIGNING_SECRET: random() })).NODE_ENV).toBe('production');
    expect(loadConfig(AppEnv, {}).SIGNING_SECRET).toBe('published-dev-default-secret-value');
    expect(loadConfig(AppEnv, { PARTNER_SECRET: 'CHANGE-ME', DATABASE_URL: 'postgres://u:CHANGE-ME@h/db' }).PARTNER_SECRET).toBe('CHANGE-ME');
  });

  it('hides the sealing keys in configuration errors too', () => {
    expect(() => loadConfig(CommonEnv, { TRANSPORT_SEALING_KEYS: 'k1:not-base64-key' })).toThrow(/TRANSPORT_SEALING_KEYS=\(hidden\)/);
  });
});

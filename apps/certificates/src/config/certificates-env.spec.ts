import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '#libs/config';
import { CertificatesEnv, DEV_QR_SIGNING_SECRET, qrSigningSecret } from './certificates-env.js';

describe('CertificatesEnv', () => {
  it('uses the fixed development secret outside production', () => {
    const env = loadConfig(CertificatesEnv, {});
    expect(qrSigningSecret(env)).toEqual({ secret: DEV_QR_SIGNING_SECRET, isDevDefault: true });
    expect(env.RUN_MIGRATIONS).toBe(true);
    expect(env.PUBLIC_BASE_URL).toBe('http://localhost:3000');
  });
  it('requires QR_SIGNING_SECRET in production', () => {
    expect(() => loadConfig(CertificatesEnv, { NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig(CertificatesEnv, { NODE_ENV: 'production', QR_SIGNING_SECRET: 'short' })).toThrow(/QR_SIGNING_SECRET/);
    const sealing = { NODE_ENV: 'production', TRANSPORT_SEALING_KEYS: `k1:${randomBytes(32).toString('base64')}` };
    const env = loadConfig(CertificatesEnv, { ...sealing, QR_SIGNING_SECRET: randomBytes(32).toString('base64url') });
    expect(qrSigningSecret(env).isDevDefault).toBe(false);
    // The template's placeholder, the published development value and a predictable one are refused, by name.
    for (const bad of ['CHANGE-ME-TO-32-OR-MORE-RANDOM-CHARACTERS', DEV_QR_SIGNING_SECRET, 'x'.repeat(32)]) {
      expect(() => loadConfig(CertificatesEnv, { ...sealing, QR_SIGNING_SECRET: bad })).toThrow(/QR_SIGNING_SECRET=\(hidden\): (is a placeholder|is the development default|has too little entropy)/);
    }
  });
  it('reads RUN_MIGRATIONS=false and numbers', () => {
    const env = loadConfig(CertificatesEnv, { RUN_MIGRATIONS: 'false', HEALTH_PORT: '8081', QR_PRIVATE_URL_TTL_SECONDS: '600' });
    expect(env).toMatchObject({ RUN_MIGRATIONS: false, HEALTH_PORT: 8081, QR_PRIVATE_URL_TTL_SECONDS: 600 });
  });
});

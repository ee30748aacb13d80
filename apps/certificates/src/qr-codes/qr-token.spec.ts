import { signQrToken, verifyQrToken, windowedExpiry } from './qr-token.js';

const ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const SECRET = 'secret-secret-secret-secret-secret';

describe('QR tokens', () => {
  it('verifies its own token for the same purpose only', () => {
    const token = signQrToken(SECRET, 'image', ID);
    expect(verifyQrToken(SECRET, 'image', token, 0)).toBe(ID);
    expect(verifyQrToken(SECRET, 'activate', token, 0)).toBeUndefined();
    expect(verifyQrToken('another-secret-another-secret-xx', 'image', token, 0)).toBeUndefined();
  });
  it('refuses altered ids, expiries and signatures', () => {
    const token = signQrToken(SECRET, 'image', ID, 2000);
    expect(verifyQrToken(SECRET, 'image', token.replace(ID, ID.replace('3f', '4f')), 0)).toBeUndefined();
    expect(verifyQrToken(SECRET, 'image', token.replace('.2000.', '.9000.'), 0)).toBeUndefined();
    expect(verifyQrToken(SECRET, 'image', token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), 0)).toBeUndefined();
    expect(verifyQrToken(SECRET, 'image', 42, 0)).toBeUndefined();
  });
  it('expires', () => {
    const token = signQrToken(SECRET, 'image', ID, 2000);
    expect(verifyQrToken(SECRET, 'image', token, 2000)).toBe(ID);
    expect(verifyQrToken(SECRET, 'image', token, 2001)).toBeUndefined();
  });
  it('windows the expiry so links stay stable and valid between ttl and 2 ttl', () => {
    expect(windowedExpiry(3600, 3600)).toBe(3 * 3600);
    expect(windowedExpiry(7199, 3600)).toBe(3 * 3600);
    for (const now of [0, 1234, 3599, 3600, 99_999]) {
      const left = windowedExpiry(now, 3600) - now;
      expect(left).toBeGreaterThan(3600);
      expect(left).toBeLessThanOrEqual(7200);
    }
  });
});

describe('QrLinks', () => {
  it('answers stable, cached links within one window and new private links in the next', async () => {
    const { QrLinks } = await import('./qr-links.js');
    const { CertificatesEnv } = await import('../config/certificates-env.js');
    const env = Object.assign(new CertificatesEnv(), { QR_SIGNING_SECRET: SECRET, PUBLIC_BASE_URL: 'https://x.test', QR_PRIVATE_URL_TTL_SECONDS: 3600 });
    const links = new QrLinks(env);
    const a = links.qrCode(ID, false, 1_000_000);
    expect(links.qrCode(ID, true, 1_000_500)).toEqual({ ...a, is_activated: true });
    const later = links.qrCode(ID, false, 1_000_000 + 3_600_000);
    expect(later.image_url).toBe(a.image_url);
    expect(later.private_image_url).not.toBe(a.private_image_url);
    expect(links.verify('image', a.private_image_url.split('/').pop(), 1_000_000)).toBe(ID);
  });
});

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, unguessable tokens naming a certificate: `<certificateId>.<expiry>.<signature>`,
 * expiry in unix seconds (0 = never), signature = HMAC-SHA256(secret, purpose|id|expiry)
 * truncated to 128 bits. The purpose is not in the token: an image token cannot activate.
 */
export type QrTokenPurpose = 'image' | 'activate';

const SIGNATURE_BYTES = 16;
const SHAPE = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/;

export function signQrToken(secret: string, purpose: QrTokenPurpose, certificateId: string, expiresAt = 0): string {
  return `${certificateId}.${expiresAt}.${signature(secret, purpose, certificateId, expiresAt).toString('base64url')}`;
}

/** The certificate id, or undefined for a malformed, forged or expired token. */
export function verifyQrToken(secret: string, purpose: QrTokenPurpose, token: unknown, nowSeconds: number): string | undefined {
  if (typeof token !== 'string') return undefined;
  const match = SHAPE.exec(token);
  if (!match) return undefined;
  const [, certificateId, expiry, given] = match;
  const expiresAt = Number(expiry);
  const expected = signature(secret, purpose, certificateId, expiresAt);
  const presented = Buffer.from(given, 'base64url');
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return undefined;
  if (expiresAt !== 0 && expiresAt < nowSeconds) return undefined;
  return certificateId;
}

/** Expiry rounded to a window so that links stay stable (cacheable) for a while: valid ttl..2*ttl. */
export function windowedExpiry(nowSeconds: number, ttlSeconds: number): number {
  return (Math.floor(nowSeconds / ttlSeconds) + 2) * ttlSeconds;
}

function signature(secret: string, purpose: QrTokenPurpose, certificateId: string, expiresAt: number): Buffer {
  return createHmac('sha256', secret).update(`${purpose}|${certificateId}|${expiresAt}`).digest().subarray(0, SIGNATURE_BYTES);
}

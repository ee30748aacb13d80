import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'pck_';
/** `pck_` + 43 base64url characters (32 random bytes). */
const SHAPE = /^pck_[A-Za-z0-9_-]{43}$/;

export interface NewApiKey { key: string; keyPrefix: string; keyHash: string }

export function generateApiKey(): NewApiKey {
  const key = PREFIX + randomBytes(32).toString('base64url');
  return { key, keyPrefix: key.slice(0, PREFIX.length + 6), keyHash: hashApiKey(key) };
}

/** Keys are stored only as this hash; 256 random bits need no slow hash. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Rejects garbage before a database round trip. */
export function isWellFormedApiKey(key: unknown): key is string {
  return typeof key === 'string' && SHAPE.test(key);
}

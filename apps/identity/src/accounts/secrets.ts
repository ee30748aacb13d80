import { createHash, randomBytes } from 'node:crypto';

/** URL-safe activation code (mailed) and its stored form. */
export function newActivationCode(): string {
  return randomBytes(24).toString('base64url');
}

export function hashCode(code: string): string {
  return createHash('sha256').update(code).digest('base64url');
}

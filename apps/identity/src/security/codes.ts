import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** A short numeric code for SMS (as in the docs: "57829"). */
export function newNumericCode(digits = 5): string {
  return String(randomInt(0, 10 ** digits)).padStart(digits, '0');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** Compares a presented secret with a stored sha256 in constant time (both sides hashed to equal length). */
export function matchesHash(presented: string, storedHash: string): boolean {
  const a = Buffer.from(sha256(presented));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}

import { createHash } from 'node:crypto';
import { DomainError } from '#libs/errors';

/**
 * SHA-256 of the input's kind and canonical body (keys sorted at every level, absent and null
 * optional fields alike left out), kept with its idempotency key so that the key reused with
 * another body is told apart from a redelivery. The key is part of the digest: bodies with few
 * possible values (and personal data in them) cannot be found by hashing guesses without it.
 */
export function bodyDigest(kind: string, body: object): Buffer {
  return createHash('sha256').update(kind).update('\n').update(canonicalJson(body)).digest();
}

/**
 * A scan's digest leaves out its request headers: they describe the attempt (IP, user agent) and a
 * scanner retrying a timed-out scan collects them afresh; the scan itself is the rest of the body.
 */
export function scanDigest(dto: object & { headers?: unknown }): Buffer {
  return bodyDigest('scan', { ...dto, headers: undefined });
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v == null ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).sort()
      .filter((k) => (value as Record<string, unknown>)[k] != null)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The answer to a key used before with a different body (or by another kind of input). */
export function keyReused(): DomainError {
  return DomainError.conflict('This idempotency_key was already used with a different request body; send a new key for a new request', undefined, 'rewards.idempotency_key_reused');
}

/** True when the stored digest (null: recorded before digests were kept) tells of another body. */
export function otherBody(stored: Buffer | null | undefined, digest: Buffer): boolean {
  return stored != null && !stored.equals(digest);
}

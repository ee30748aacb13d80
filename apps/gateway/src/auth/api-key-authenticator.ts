import { Injectable } from '@nestjs/common';
import { type ApiKeyCaller, Header, CertificatesPattern } from '#libs/contracts';
import { ErrorKind, isWireError } from '#libs/errors';
import { hashTicket } from '#libs/session';
import { ServiceClients } from '../transport/service-clients.js';

const CACHE_TTL_MS = 10_000;
const CACHE_MAX_ENTRIES = 10_000;

interface CacheEntry { until: number; result: Promise<ApiKeyCaller> }

/**
 * Verifies participant API keys with certificates (`certificates.api-key.verify`) and caches
 * the verdict for 10 s, rejections included, so a client hammering with a bad key costs one
 * hop per 10 s. Concurrent requests with one key share the in-flight verification. Keys are
 * cached by their sha256, never in clear.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(private readonly clients: ServiceClients) {}

  verify(key: string, requestId: string): Promise<ApiKeyCaller> {
    const id = hashTicket(key);
    const now = Date.now();
    const hit = this.cache.get(id);
    if (hit && hit.until > now) return hit.result;
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.evictExpired(now);

    const result = this.clients
      .send<ApiKeyCaller>('certificates', CertificatesPattern.ApiKeyVerify, { key },
        { [Header.RequestId]: requestId, [Header.Caller]: 'gateway' })
      .then(checkCaller);
    const entry: CacheEntry = { until: now + CACHE_TTL_MS, result };
    this.cache.set(id, entry);
    // Only a definite "no" is cached; an outage or timeout is retried by the next request.
    result.catch((error) => {
      const definite = isWireError(error) && error.kind === ErrorKind.Unauthenticated;
      if (!definite && this.cache.get(id) === entry) this.cache.delete(id);
    });
    return result;
  }

  private evictExpired(now: number): void {
    for (const [id, entry] of this.cache) if (entry.until <= now) this.cache.delete(id);
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
  }
}

function checkCaller(value: ApiKeyCaller): ApiKeyCaller {
  if (typeof value?.participantId !== 'string' || typeof value?.keyId !== 'string') {
    throw new Error('Malformed certificates.api-key.verify reply');
  }
  return { participantId: value.participantId, keyId: value.keyId };
}

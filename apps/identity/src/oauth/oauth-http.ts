import { OAuthError, oauthError } from './oauth-errors.js';

/**
 * One call to a provider. Network failure, timeout or 5xx: "Oauth server is not available";
 * a body that is not JSON: "Invalid json data from host"; 4xx: "Can't read profile by token".
 */
export async function fetchJson(url: string, timeoutMs: number, init: RequestInit = {}): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch {
    throw oauthError(OAuthError.ServerUnavailable);
  }
  if (response.status >= 500) throw oauthError(OAuthError.ServerUnavailable);
  const text = await response.text().catch(() => { throw oauthError(OAuthError.ServerUnavailable); });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw oauthError(response.ok ? OAuthError.InvalidJson : OAuthError.ProfileRejected);
  }
  if (!response.ok) throw oauthError(OAuthError.ProfileRejected);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw oauthError(OAuthError.InvalidJson);
  return body as Record<string, unknown>;
}

export function withQuery(base: string, path: string, query: Record<string, string>): string {
  const url = new URL(base.replace(/\/$/, '') + path);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url.toString();
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

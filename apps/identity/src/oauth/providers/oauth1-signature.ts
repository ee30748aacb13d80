import { createHmac, randomBytes } from 'node:crypto';

/** RFC 3986 percent-encoding as OAuth 1.0a requires (encodeURIComponent leaves !'()* alone). */
export const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

export interface OAuth1Keys { consumerKey: string; consumerSecret: string; token: string; tokenSecret: string }

/** The `Authorization: OAuth ...` header of an HMAC-SHA1 signed request (RFC 5849). */
export function oauth1Header(method: string, url: string, keys: OAuth1Keys, now = Date.now(), nonce = randomBytes(16).toString('hex')): string {
  const parsed = new URL(url);
  const oauth: Record<string, string> = {
    oauth_consumer_key: keys.consumerKey, oauth_nonce: nonce, oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(Math.floor(now / 1000)), oauth_token: keys.token, oauth_version: '1.0',
  };
  const params = [...parsed.searchParams.entries(), ...Object.entries(oauth)]
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : 1) : ak < bk ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`).join('&');
  const baseUrl = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  const base = [method.toUpperCase(), rfc3986(baseUrl), rfc3986(params)].join('&');
  const signature = createHmac('sha1', `${rfc3986(keys.consumerSecret)}&${rfc3986(keys.tokenSecret)}`).update(base).digest('base64');
  return 'OAuth ' + Object.entries({ ...oauth, oauth_signature: signature }).map(([k, v]) => `${rfc3986(k)}="${rfc3986(v)}"`).join(', ');
}

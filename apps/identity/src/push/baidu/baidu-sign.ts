import { createHash } from 'node:crypto';

/** PHP's urlencode (what Baidu's servers apply): RFC 3986 escapes, also !'()*~, and '+' for a space. */
export function phpUrlencode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
}

/**
 * Baidu Cloud Push's request signature: MD5 of the URL-encoded string
 * HTTP method + full URL + every parameter as key=value sorted by key (sign excluded) + secret key.
 */
export function baiduSign(method: string, url: string, params: Record<string, string>, secretKey: string): string {
  const pairs = Object.keys(params).filter((k) => k !== 'sign').sort().map((k) => `${k}=${params[k]}`).join('');
  return createHash('md5').update(phpUrlencode(`${method}${url}${pairs}${secretKey}`)).digest('hex');
}

import { isIP } from 'node:net';
import { registerDecorator, ValidationOptions } from 'class-validator';

const KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isValidEntry(entry: string): boolean {
  if (KEYWORDS.has(entry)) return true;
  const [ip, bits, ...rest] = entry.split('/');
  const family = isIP(ip);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return Number.isInteger(n) && n >= 0 && n <= (family === 4 ? 32 : 128);
}

/** `"loopback,10.0.0.0/8"` → `['loopback', '10.0.0.0/8']` (what fastify's trustProxy accepts). */
export function parseTrustedProxies(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

export function isValidTrustedProxyList(options?: ValidationOptions) {
  return (target: object, propertyName: string) => registerDecorator({
    name: 'isValidTrustedProxyList',
    target: target.constructor,
    propertyName,
    options: { message: 'must be a comma list of IPs, CIDRs or loopback/linklocal/uniquelocal', ...options },
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseTrustedProxies(value).every(isValidEntry),
    },
  });
}

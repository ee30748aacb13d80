import { isIP } from 'node:net';
import { registerDecorator, type ValidationArguments, ValidationOptions } from 'class-validator';

const KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);
/** Whole private ranges: any pod or node in them could forge a client's IP. */
const WHOLE_RANGES = new Set(['linklocal', 'uniquelocal']);

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

function problem(value: unknown, nodeEnv: string | undefined): string | undefined {
  if (typeof value !== 'string' || !parseTrustedProxies(value).every(isValidEntry)) {
    return 'must be a comma list of IPs, CIDRs or loopback/linklocal/uniquelocal';
  }
  const whole = parseTrustedProxies(value).filter((e) => WHOLE_RANGES.has(e));
  if (nodeEnv === 'production' && whole.length > 0) {
    return `${whole.join(', ')} trusts a whole private range when NODE_ENV=production: name only the ingress controller's addresses (README, Deployment)`;
  }
  return undefined;
}

export function isValidTrustedProxyList(options?: ValidationOptions) {
  return (target: object, propertyName: string) => registerDecorator({
    name: 'isValidTrustedProxyList',
    target: target.constructor,
    propertyName,
    options,
    validator: {
      validate: (value: unknown, args: ValidationArguments) => problem(value, (args.object as { NODE_ENV?: string }).NODE_ENV) === undefined,
      defaultMessage: (args: ValidationArguments) => problem(args.value, (args.object as { NODE_ENV?: string }).NODE_ENV) ?? '',
    },
  });
}

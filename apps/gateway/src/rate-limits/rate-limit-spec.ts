import { registerDecorator } from 'class-validator';

/** `<max>/<seconds>`: at most max requests per window of that many seconds; `0/<seconds>` turns the limit off. */
export interface RateLimitSpec { max: number; windowSeconds: number }

const SPEC = /^(\d{1,9})\/(\d{1,7})$/;

export function parseRateLimit(value: string): RateLimitSpec | undefined {
  const match = SPEC.exec(value);
  if (!match) return undefined;
  const spec = { max: Number(match[1]), windowSeconds: Number(match[2]) };
  return spec.windowSeconds >= 1 ? spec : undefined;
}

export function IsRateLimit(): PropertyDecorator {
  return (target, propertyName) => registerDecorator({
    name: 'isRateLimit', target: target.constructor, propertyName: String(propertyName),
    options: { message: 'must be <max>/<seconds> such as 30/60 (0/60 turns the limit off)' },
    validator: { validate: (value: unknown) => typeof value === 'string' && parseRateLimit(value) !== undefined },
  });
}

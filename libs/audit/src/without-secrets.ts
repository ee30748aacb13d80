/**
 * Field names that hold credentials or card data. Call sites choose the fields they record; this is
 * the safety net: such a field is recorded as REDACTED, never with its value.
 */
const SECRET_FIELD = /(password|passwd|secret|hash|ticket|token|cvc|cvv|card_?number|api_?key|otp)$|^(key|code|card|number)$|_code$/i;

export const REDACTED = '[redacted]';

export function withoutSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => withoutSecrets(v)) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => [k, SECRET_FIELD.test(k) ? REDACTED : withoutSecrets(v)])) as T;
}

import { isRealDate } from '#libs/contracts';

/** Accepts ISO dates and the doc's `2012-12-12T01-01-01Z` form; impossible calendar days (2018-02-31) are refused, not rolled over. */
export function parseDocDate(value: string): Date | null {
  const normalised = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z$/.test(value)
    ? value.replace(/T(\d{2})-(\d{2})-(\d{2})Z$/, 'T$1:$2:$3Z')
    : value;
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(normalised) || !isRealDate(normalised)) return null;
  return new Date(normalised);
}

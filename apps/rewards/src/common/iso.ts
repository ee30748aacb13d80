/** Accepts ISO dates and the doc's `2012-12-12T01-01-01Z` form. */
export function parseDocDate(value: string): Date | null {
  const normalised = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z$/.test(value)
    ? value.replace(/T(\d{2})-(\d{2})-(\d{2})Z$/, 'T$1:$2:$3Z')
    : value;
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(normalised)) return null;
  const date = new Date(normalised);
  if (Number.isNaN(date.getTime())) return null;
  // Reject impossible calendar days (2018-02-31) that Date would roll over.
  return /Z$/.test(normalised) && date.toISOString().slice(0, 10) !== normalised.slice(0, 10) ? null : date;
}

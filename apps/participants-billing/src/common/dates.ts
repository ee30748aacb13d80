/** `2019-02-01` for a date column value (pg returns `date` as a string already). */
export function isoDate(value: string | Date | null): string | null {
  if (value === null) return null;
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** `2019-03-27T07:49:35Z` as in the doc (no milliseconds). */
export function isoSeconds(value: Date | null): string | null {
  return value === null ? null : value.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** True for an existing calendar day `YYYY-MM-DD` (rejects 2019-02-30). */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && !Number.isNaN(Date.parse(value));
}

/** `2023-11-07T05:31:56Z`, the format of the docs (no milliseconds); null stays null. */
export function isoSeconds(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

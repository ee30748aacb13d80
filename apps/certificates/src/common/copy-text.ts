/** A value in COPY's text format: backslash, tab, newline and carriage return escaped (`\N` would be NULL). */
export function copyField(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]);
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
